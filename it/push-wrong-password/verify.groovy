def registryDir = new File(basedir, 'registry')
try {
    def log = new File(basedir, 'build.log').text
    def address = new File(registryDir, 'address').text
    assert log.contains("Authentication with the registry ${address} failed: it rejected the credentials from settings.xml <server> with id ${address} or 127.0.0.1. Fix the username or password there.")
    assert !log.contains('Not-The-Pa55word-9'): 'the password is in the build log'
    assert !log.contains('It-Pa55word-7f3c')
    assert new groovy.json.JsonSlurper().parse(new File(basedir, 'target/scratchpack/image.json')).pushed == false
} finally {
    def pid = new File(registryDir, 'pid')
    if (pid.exists()) {
        ['kill', pid.text.trim()].execute().waitFor()
    }
}
true
