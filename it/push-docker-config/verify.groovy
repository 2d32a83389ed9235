import groovy.json.JsonSlurper

def checks = evaluate(new File(itSourceDirectory, 'registry-checks.groovy'))
checks.withRegistry(basedir) { registryDir, address ->
    def report = new JsonSlurper().parse(new File(basedir, 'target/scratchpack/image.json'))
    assert report.pushed == true
    checks.assertInRegistry(address, report)

    def log = new File(basedir, 'build.log').text
    assert log.contains('Digest   ' + report.digest)
    // The chain asked settings.xml first and found nothing, then took the login from the Docker config.
    assert log.contains("Docker config docker-config/config.json has a credential in auths for ${address}"):
            'the -X log does not say the credential came from docker-config/config.json'

    // The push ran with -X: no trace of the password, nor of config.json's auth value (base64 of user:password, the
    // same bytes as the Basic Authorization header), in build.log or in any file under target/.
    def auth = new JsonSlurper().parse(new File(basedir, 'docker-config/config.json')).auths[address].auth
    checks.assertNoSecrets(basedir, 'ci-pusher', ['It-Pa55word-7f3c'], ['the config.json auth value': auth])
}
true
