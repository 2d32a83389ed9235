import groovy.json.JsonSlurper

// Stops squid (setup.groovy started it through the test helper ForwardProxy) and returns its access log.
String stopProxy() {
    def directory = new File(new File(basedir, 'squid-directory').text)
    def log = new File(directory, 'access.log').exists() ? new File(directory, 'access.log').text : ''
    def pidFile = new File(directory, 'squid.pid')
    if (pidFile.exists()) {
        def pid = pidFile.text.trim()
        ['kill', pid].execute().waitFor()
        for (int i = 0; i < 100 && new File("/proc/${pid}").exists(); i++) {
            Thread.sleep(100)
        }
        assert !new File("/proc/${pid}").exists(): 'squid did not stop'
    }
    directory.deleteDir()
    log
}

def checks = evaluate(new File(itSourceDirectory, 'registry-checks.groovy'))
String accessLog = null
try {
    checks.withRegistry(basedir) { registryDir, address ->
        def report = new JsonSlurper().parse(new File(basedir, 'target/scratchpack/image.json'))
        assert report.pushed == true
        checks.assertInRegistry(address, report)
        accessLog = stopProxy()
        def port = address.substring(address.indexOf(':') + 1)
        def tunnels = accessLog.readLines().findAll {
            it.contains("TCP_TUNNEL/200") && it.contains("CONNECT registry.scratchpack.invalid:${port} proxy-user ")
        }
        assert tunnels.size() >= 2: "the connection check and the push each open a tunnel through squid:\n${accessLog}"
        def log = new File(basedir, 'build.log').text
        assert log.contains('through the proxy 127.0.0.1:')
        assert log.contains('(from settings.xml <proxy> corp)')
        assert !new File(basedir, 'servers.xml').text.contains('Pr0xy-Pa55-it-9d2'): 'the proxy password was not encrypted'
        checks.assertNoSecrets(basedir, 'proxy-user', ['Pr0xy-Pa55-it-9d2'], ['the settings master password': 'it-master-Pa55'])
        checks.assertNoSecrets(basedir, 'ci-pusher', ['It-Pa55word-7f3c'])
    }
} finally {
    if (accessLog == null) {
        stopProxy()
    }
}
true
