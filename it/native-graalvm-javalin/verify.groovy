import groovy.json.JsonSlurper

// examples/javalin, built once with the private CA of setup.groovy as its certificates, on the reachability metadata
// of its libraries alone: the build took Jetty's and Jackson's metadata from the repository and gave it to
// native-image; the image answers JSON written by Jackson with the greeting of the configuration file that <files>
// put into it, reaches the HTTPS upstream through the CA, serves the second call from Caffeine's cache (which needs
// Caffeine's metadata: native-graalvm-metadata-off is the same cache without it), stops on SIGTERM.
def service = evaluate(new File(itSourceDirectory, 'framework-service-checks.groovy'))
def tarball = service.built(basedir, 'javalin')
def log = new File(basedir, 'build.log').text
def project = new File(basedir, 'javalin')
assert !new File(project, 'src/main/resources/META-INF/native-image').exists(): 'the example brings no metadata of its own'
def used = ['org.eclipse.jetty:jetty-server:11.0.25 -> metadata 11.0.12',
            'com.fasterxml.jackson.core:jackson-databind:2.18.3 -> metadata 2.15.2',
            'com.github.ben-manes.caffeine:caffeine:3.1.8 -> metadata 3.1.2']
used.each { assert log.contains(it): "the build log does not say that it used ${it}" }
// the native-image command line as the build logged it (a short one goes without an argfile)
def args = log.readLines().find { it.contains('-H:ConfigurationFileDirectories=') }
assert args != null: 'native-image was given no -H:ConfigurationFileDirectories'
def metadata = new File(project, 'target/scratchpack-native/reachability-metadata')
['org.eclipse.jetty/jetty-server/11.0.12', 'com.fasterxml.jackson.core/jackson-databind/2.15.2',
 'com.github.ben-manes.caffeine/caffeine/3.1.2'].each {
    def directory = new File(metadata, it)
    assert new File(directory, 'reflect-config.json').isFile(): "${directory} has no reflect-config.json"
    assert args.contains(directory.absolutePath): "native-image was not given ${directory}"
}
// every library the repository had metadata for, as the build log lists them
println log.readLines().findAll { it.contains(' -> metadata ') }.collect { 'metadata used: ' + it.replaceFirst(/^\[INFO\]\s+/, '') }.join('\n')

def upstreamBody = "upstream answer ${UUID.randomUUID()}".toString()
def (upstream, upstreamUrl, upstreamRequests) = service.upstream(new File(basedir, 'certs'), upstreamBody)
def config = new Properties()
new File(project, 'src/main/config/javalin.properties').withReader('UTF-8') { config.load(it) }
def greetingWord = config.getProperty('greeting')
assert greetingWord ==~ /Hello [0-9a-z]+/: 'setup.groovy gave the configuration file a greeting word of its own'
def json = new JsonSlurper()
def lines, problems
try {
    (lines, problems) = service.run(basedir, tarball, 'javalin:1.0.0', [UPSTREAM_URL: upstreamUrl], '/health') { get, check ->
        check('GET /greeting?name=scratch answers JSON written by Jackson, with the greeting of the image\'s /etc/javalin/javalin.properties') {
            def (status, body) = get('/greeting?name=scratch')
            def message = "${greetingWord}, scratch!".toString()
            assert status == 200 && json.parseText(body) == [message: message, length: message.length()]
        }
        check('GET /upstream answers the upstream\'s body, fetched over HTTPS through the image\'s CA') {
            def (status, body) = get('/upstream')
            assert status == 200 && json.parseText(body) == [url: upstreamUrl, status: 200, body: upstreamBody]
            assert upstreamRequests.get() == 1
        }
        check('a second GET /upstream comes from the Caffeine cache') {
            def (status, body) = get('/upstream')
            assert status == 200 && json.parseText(body).body == upstreamBody
            assert upstreamRequests.get() == 1
            assert get('/cache') == [200, '{"hits":1,"misses":1,"size":1}']
        }
    }
} finally {
    upstream.stop(0)
}
if (!lines.contains('stopping')) {
    problems << 'the log has no line of the shutdown hook that SIGTERM ran'
}
assert problems.isEmpty(): "${problems.size()} check(s) failed:\n" + problems.join('\n')
true
