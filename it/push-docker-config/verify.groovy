import groovy.json.JsonSlurper

def registryDir = new File(basedir, 'registry')
try {
    def address = new File(registryDir, 'address').text
    def report = new JsonSlurper().parse(new File(basedir, 'target/scratchpack/image.json'))
    assert report.pushed == true
    def skopeo = ['skopeo', 'inspect', '--tls-verify=false', '--creds', 'ci-pusher:It-Pa55word-7f3c',
                  "docker://${address}/acme/server:1.0.0".toString()].execute()
    def inspected = new JsonSlurper().parseText(skopeo.text)
    assert skopeo.waitFor() == 0
    assert inspected.Digest == report.digest: 'the registry holds another digest than image.json'

    def log = new File(basedir, 'build.log').text
    assert log.contains('Digest   ' + report.digest)
    // The chain asked settings.xml first and found nothing, then took the login from the Docker config.
    assert log.contains("Docker config docker-config/config.json has a credential in auths for ${address}"):
            'the -X log does not say the credential came from docker-config/config.json'

    // The push ran with -X: no trace of the password, nor of config.json's auth value (base64 of user:password, the
    // same bytes as the Basic Authorization header), in build.log or in any file under target/.
    def auth = new JsonSlurper().parse(new File(basedir, 'docker-config/config.json')).auths[address].auth
    def scanSecrets = evaluate(new File(basedir, '../../../it/scan-secrets.groovy').canonicalFile)
    def searched = scanSecrets(basedir, 'ci-pusher', ['It-Pa55word-7f3c'], ['the config.json auth value': auth])
    assert searched.containsAll(['target/scratchpack/image.json', 'target/scratchpack/image.tar'])
} finally {
    def pid = new File(registryDir, 'pid')
    if (pid.exists()) {
        ['kill', pid.text.trim()].execute().waitFor()
    }
}
true
