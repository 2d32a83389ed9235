import groovy.json.JsonSlurper

// examples/spring-boot, built once with the private CA of setup.groovy as its certificates: the smoke test passed
// in the build; here its image answers JSON, reaches the HTTPS upstream through that CA, and shuts down gracefully.
def service = evaluate(new File(itSourceDirectory, 'framework-service-checks.groovy'))
def tarball = service.built(basedir, 'spring-boot')
def log = new File(basedir, 'build.log').text
assert log.contains('is a jar that Spring Boot repackaged; building from') || log.contains('Main class example.Application, from -H:Class')
def upstreamBody = "upstream answer ${UUID.randomUUID()}".toString()
def (upstream, upstreamUrl, upstreamRequests) = service.upstream(new File(basedir, 'certs'), upstreamBody)
def json = new JsonSlurper()
def lines, problems
try {
    (lines, problems) = service.run(basedir, tarball, 'spring-boot:1.0.0', [UPSTREAM_URL: upstreamUrl], '/actuator/health') { get, check ->
        check('GET /actuator/health answers {"status":"UP"}') {
            def (status, body) = get('/actuator/health')
            assert status == 200 && json.parseText(body) == [status: 'UP']
        }
        check('GET /greeting?name=scratch answers the JSON of the greeting in application.yml (@ConfigurationProperties)') {
            def (status, body) = get('/greeting?name=scratch')
            assert status == 200 && json.parseText(body) == [message: 'Hello, scratch!', length: 15]
        }
        check('GET /upstream answers the upstream\'s body, fetched by RestClient over HTTPS through the image\'s CA') {
            def (status, body) = get('/upstream')
            assert status == 200 && json.parseText(body) == [url: upstreamUrl, status: 200, body: upstreamBody]
            assert upstreamRequests.get() == 1
        }
    }
} finally {
    upstream.stop(0)
}
['Started Application in', 'Commencing graceful shutdown', 'Graceful shutdown complete'].each { line ->
    if (!lines.any { it.contains(line) }) {
        problems << "the log has no \"${line}\" line (the start, and the graceful shutdown on SIGTERM)".toString()
    }
}
assert problems.isEmpty(): "${problems.size()} check(s) failed:\n" + problems.join('\n')
true
