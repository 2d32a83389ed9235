import com.sun.net.httpserver.HttpHandler
import com.sun.net.httpserver.HttpsConfigurator
import com.sun.net.httpserver.HttpsServer
import io.github.scratchpack.elf.StaticExecutableCheck
import java.nio.charset.StandardCharsets
import java.security.KeyFactory
import java.security.KeyStore
import java.security.cert.CertificateFactory
import java.security.spec.PKCS8EncodedKeySpec
import java.util.concurrent.atomic.AtomicInteger
import javax.net.ssl.KeyManagerFactory
import javax.net.ssl.SSLContext

// examples/service, built with the private CA of setup.groovy as its certificates, runs in podman against an HTTPS
// upstream on 127.0.0.1 whose certificate that CA signed. The checks after the container starts are collected, so a
// failure names every check that failed, not only the first.

def service = new File(basedir, 'service')
def executable = new File(service, 'target/service')
StaticExecutableCheck.check(executable.toPath())
println "static executable ${executable}: ${executable.length()} bytes (${String.format('%.1f', executable.length() / 1048576d)} MiB)"
def buildLog = new File(basedir, 'build.log').readLines()
def built = buildLog.find { it.contains('Built ') && it.contains('target/service') }
assert built ==~ /.*Built \S+\/target\/service \([0-9.]+ MiB\) in .*, native-image peak memory [0-9.]+GB/: built
println built.replaceFirst('^\\[INFO\\] ', '')
assert buildLog.any { it.contains('Smoke test passed: service:1.0.0 was ready in') }: 'the smoke-test goal did not pass'
def tarball = new File(service, 'target/scratchpack/image.tar')
assert tarball.isFile()
def config = new Properties()
new File(service, 'src/main/config/service.properties').withReader('UTF-8') { config.load(it) }
def greeting = config.getProperty('greeting') + '\n'

def conf = new File(basedir, 'containers.conf')
assert conf.isFile(): 'containers.conf (podman: runc, no default ulimits) is part of this IT'
def exec = { List<String> command ->
    def builder = new ProcessBuilder(command).redirectErrorStream(true)
    builder.environment().put('CONTAINERS_CONF', conf.absolutePath)
    def process = builder.start()
    def output = process.inputStream.text
    process.waitFor()
    [process.exitValue(), output]
}
def run = { List<String> command ->
    def (status, output) = exec(command)
    assert status == 0: "${command.join(' ')} failed:\n${output}"
    output
}
def freePort = {
    def socket = new ServerSocket(0)
    try {
        socket.localPort
    } finally {
        socket.close()
    }
}

// The HTTPS upstream: setup.groovy's server certificate and its PKCS#8 PEM key
def certs = new File(basedir, 'certs')
def certificate = new File(certs, 'server.crt').withInputStream { CertificateFactory.getInstance('X.509').generateCertificate(it) }
def pem = new File(certs, 'server.key').text
assert pem.contains('-----BEGIN PRIVATE KEY-----'): 'server.key is not a PKCS#8 PEM key'
def der = Base64.mimeDecoder.decode(pem.replaceAll('-----[A-Z ]+-----', ''))
def key = KeyFactory.getInstance('RSA').generatePrivate(new PKCS8EncodedKeySpec(der))
def keyStore = KeyStore.getInstance('PKCS12')
keyStore.load(null, null)
def password = 'upstream'.toCharArray()
keyStore.setKeyEntry('upstream', key, password, [certificate] as java.security.cert.Certificate[])
def keyManagers = KeyManagerFactory.getInstance(KeyManagerFactory.defaultAlgorithm)
keyManagers.init(keyStore, password)
def tls = SSLContext.getInstance('TLS')
tls.init(keyManagers.keyManagers, null, null)
def upstreamBody = "upstream answer ${UUID.randomUUID()}\n"
def upstreamRequests = new AtomicInteger()
def upstream = HttpsServer.create(new InetSocketAddress(InetAddress.getByName('127.0.0.1'), 0), 0)
upstream.httpsConfigurator = new HttpsConfigurator(tls)
upstream.createContext('/', { exchange ->
    upstreamRequests.incrementAndGet()
    def body = upstreamBody.getBytes(StandardCharsets.UTF_8)
    exchange.sendResponseHeaders(200, body.length)
    exchange.responseBody.withStream { it.write(body) }
} as HttpHandler)
upstream.start()
def upstreamUrl = "https://127.0.0.1:${upstream.address.port}/"

def podman = ['podman', '--runtime', 'runc']
def port = freePort()
def name = 'scratchpack-service-' + port
def problems = []
def check = { String what, Closure body ->
    try {
        body()
        println "ok: ${what}"
    } catch (Throwable e) {
        problems << "${what}: ${e.message}".toString()
        println "FAILED: ${what}: ${e.message}"
    }
}
def requests = 0
def get = { String path ->
    def connection = (HttpURLConnection) new URL("http://127.0.0.1:${port}${path}").openConnection()
    connection.connectTimeout = 2000
    connection.readTimeout = 15000
    int status = connection.responseCode
    requests++
    def stream = status < 400 ? connection.inputStream : connection.errorStream
    def body = stream == null ? '' : stream.getText('UTF-8')
    [status, body]
}
def loaded = false
try {
    run(podman + ['load', '-i', tarball.absolutePath])
    loaded = true
    // host network: the upstream listens on the host's loopback only
    run(podman + ['run', '-d', '--name', name, '--network', 'host', '-e', "PORT=${port}".toString(),
                  '-e', "UPSTREAM_URL=${upstreamUrl}".toString(), 'service:1.0.0'])
    def first = null
    for (int i = 0; i < 75 && first == null; i++) {
        try {
            first = get('/')
        } catch (IOException e) {
            Thread.sleep(200)
        }
    }
    assert first != null: "the service did not answer on port ${port} within 15 s; podman logs:\n${exec(podman + ['logs', name])[1]}"

    check('GET / answers the greeting of /etc/service/service.properties (the image goal\'s files)') {
        assert first == [200, greeting]
    }
    check('GET /upstream answers the upstream\'s body through HTTPS with the private CA (the image goal\'s certificates)') {
        assert get('/upstream') == [200, upstreamBody]
    }
    check('a second GET /upstream comes from the Caffeine cache') {
        assert get('/upstream') == [200, upstreamBody]
        assert upstreamRequests.get() == 1
    }
    check('GET /cache answers the Caffeine cache\'s statistics') {
        assert get('/cache') == [200, 'hits=1 misses=1 size=1\n']
    }
    check('the service runs as uid 65532') {
        def pid = run(podman + ['inspect', '--format', '{{.State.Pid}}', name]).trim()
        def uids = new File("/proc/${pid}/status").readLines().find { it.startsWith('Uid:') }
        assert uids.split(/\s+/).drop(1) == ['65532'] * 4
    }
    check('podman stop returns within 5 s and the service exits by SIGTERM (143) or with 0, not killed (137)') {
        long start = System.nanoTime()
        run(podman + ['stop', '-t', '10', name])
        double seconds = (System.nanoTime() - start) / 1e9d
        println "podman stop took ${String.format('%.2f', seconds)} s"
        def exitCode = run(podman + ['inspect', '--format', '{{.State.ExitCode}}', name]).trim()
        assert exitCode in ['143', '0'] && seconds < 5
    }
    def lines = run(podman + ['logs', name]).readLines()
    println lines.collect { '  | ' + it }.join('\n')
    check("the log has the start line and one line per request (${requests})") {
        assert lines.contains("listening on 0.0.0.0:${port}".toString())
        assert lines.findAll { it ==~ /GET \/\S* \d{3} \d+ ms/ }.size() == requests
    }
    check('the log has the line of the shutdown hook that SIGTERM ran') {
        assert lines.contains('stopping')
    }
} finally {
    exec(podman + ['rm', '-f', '-t', '0', name])
    if (loaded) {
        exec(podman + ['rmi', '-f', 'service:1.0.0'])
    }
    upstream.stop(0)
}
assert problems.isEmpty(): "${problems.size()} check(s) failed:\n" + problems.join('\n')
true
