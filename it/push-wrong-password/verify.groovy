def registryDir = new File(basedir, 'registry')
try {
    def log = new File(basedir, 'build.log').text
    def address = new File(registryDir, 'address').text
    assert log.contains("Authentication with the registry ${address} failed: it rejected the credentials from settings.xml <server> with id ${address} or 127.0.0.1. Fix the username or password there.")
    assert new groovy.json.JsonSlurper().parse(new File(basedir, 'target/scratchpack/image.json')).pushed == false

    // The rejected push ran with -X, and the registry's 401 is where a tool would quote the request it refused: no
    // trace of the wrong password that was sent (plain, base64, or as the user:password Basic Authorization value),
    // nor of the right one, in build.log or in any file under target/.
    def scanSecrets = evaluate(new File(basedir, '../../../it/scan-secrets.groovy').canonicalFile)
    def searched = scanSecrets(basedir, 'ci-pusher', ['Not-The-Pa55word-9', 'It-Pa55word-7f3c'])
    assert searched.containsAll(['target/scratchpack/image.json', 'target/scratchpack/image.tar'])
} finally {
    def pid = new File(registryDir, 'pid')
    if (pid.exists()) {
        ['kill', pid.text.trim()].execute().waitFor()
    }
}
true
