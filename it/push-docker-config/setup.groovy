// The same registry as push-settings-auth, whose login goes only into a Docker config.json here: setup.groovy's
// servers.xml is deleted, and docker-config/config.json gets an "auths" entry for the registry's host:port with the
// base64 of user:password, as `docker login` writes it. It lives outside target/, so the secret scan of target/ in
// verify.groovy would find any copy the push made of it.
evaluate(new File(itSourceDirectory, 'push-settings-auth/setup.groovy'))
new File(basedir, 'servers.xml').delete()
def address = new File(basedir, 'registry/address').text
def auth = 'ci-pusher:It-Pa55word-7f3c'.bytes.encodeBase64().toString()
def dockerConfig = new File(basedir, 'docker-config')
dockerConfig.mkdirs()
new File(dockerConfig, 'config.json').text = groovy.json.JsonOutput.prettyPrint(groovy.json.JsonOutput.toJson(
        [auths: [(address): [auth: auth]]])) + '\n'
true
