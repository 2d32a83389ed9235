import groovy.json.JsonSlurper

// examples/micronaut, as Micronaut Launch generates it plus the scratchpack goals, built once with the private CA of
// setup.groovy as its certificates: the main class came from exec.mainClass, application.yml and logback.xml went
// into the executable (resources.autodetection.enabled, set by micronaut-parent), Netty's metadata came from the
// repository in place of its jars' own; the image answers JSON, reaches the HTTPS upstream through the CA, and stops.
def service = evaluate(new File(itSourceDirectory, 'framework-service-checks.groovy'))
def tarball = service.built(basedir, 'micronaut')
def log = new File(basedir, 'build.log').text
assert log.contains('Main class example.Application, from the exec.mainClass property')
assert log =~ /Resources of \S+ included in the executable \(resources.autodetection.enabled\): .*application.yml/
assert log.contains('is a jar that maven-shade-plugin filled with the dependencies; building from')
// Netty 4.2's jars initialize io.netty at build time, which fails on this builder; the repository's Netty entries
// ("override": true, as native-maven-plugin reads them) leave those jars' own metadata out
['netty-codec-http2', 'netty-codec-http', 'netty-buffer', 'netty-common'].each { artifact ->
    assert log =~ /io\.netty:${artifact}:\S+ -> metadata \S+ .*replacing the metadata in the library's jar/: artifact
}
def upstreamBody = "upstream answer ${UUID.randomUUID()}".toString()
def (upstream, upstreamUrl, upstreamRequests) = service.upstream(new File(basedir, 'certs'), upstreamBody)
def json = new JsonSlurper()
def lines, problems
try {
    (lines, problems) = service.run(basedir, tarball, 'micronaut:1.0.0', [UPSTREAM_URL: upstreamUrl], '/greeting') { get, check ->
        check('GET /greeting?name=scratch answers the JSON of a @Serdeable record, with the salutation of application.yml') {
            def (status, body) = get('/greeting?name=scratch')
            assert status == 200 && json.parseText(body) == [message: 'Hello, scratch!', length: 15]
        }
        check('GET /upstream answers the upstream\'s body, fetched by Micronaut\'s HTTP client over HTTPS through the image\'s CA') {
            def (status, body) = get('/upstream')
            assert status == 200 && json.parseText(body) == [url: upstreamUrl, status: 200, body: upstreamBody]
            assert upstreamRequests.get() == 1
        }
    }
} finally {
    upstream.stop(0)
}
if (!lines.any { it.contains('Startup completed in') }) {
    problems << 'the log has no "Startup completed in" line of Micronaut (logback.xml\'s pattern)'
}
assert problems.isEmpty(): "${problems.size()} check(s) failed:\n" + problems.join('\n')
true
