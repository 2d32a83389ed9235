def registryDir = new File(basedir, 'registry')
try {
    def report = new groovy.json.JsonSlurper().parse(new File(basedir, 'target/scratchpack/image.json'))
    assert report.pushed == true
    def log = new File(basedir, 'build.log').text
    assert log.contains('[DEBUG]'): 'the push did not run with -X'
    assert log.contains('Digest   ' + report.digest)
    // Maven's own -X dump of the environment shows its command line (MAVEN_CMD_LINE_ARGS); nothing else may.
    def leaks = log.readLines().findAll { it.contains('It-Pa55word-7f3c') && !it.startsWith('[DEBUG] env: ') }
    assert leaks.isEmpty(): "the password given as -Dscratchpack.password is in the -X build log:\n${leaks.join('\n')}"
} finally {
    def pid = new File(registryDir, 'pid')
    if (pid.exists()) {
        ['kill', pid.text.trim()].execute().waitFor()
    }
}
true
