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

// What the real-GraalVM framework ITs (native-graalvm-spring-boot, -micronaut, -javalin) check the same way: the
// static executable and the build's summary line, the smoke test that `mvn verify` ran, and the image run in podman
// as production runs it (read-only, every capability dropped) against an HTTPS upstream on 127.0.0.1 whose
// certificate the CA of setup.groovy signed. Checks are collected: a failure names every check that failed.
[
    // The executable is static; the build log has its summary line and the smoke test's pass; returns the tarball.
    built: { File basedir, String example ->
        def project = new File(basedir, example)
        def executable = new File(project, "target/${example}")
        StaticExecutableCheck.check(executable.toPath())
        def buildLog = new File(basedir, 'build.log').readLines()
        def summary = buildLog.find { it.contains('Built ') && it.contains("target/${example} (") }
        assert summary ==~ /.*Built \S+\/target\/${example} \([0-9.]+ MiB\) in .*, native-image peak memory [0-9.]+GB/: summary
        println summary.replaceFirst('^\\[INFO\\] ', '')
        assert buildLog.any { it.contains("Smoke test passed: ${example}:") }: 'the smoke-test goal did not pass'
        def tarball = new File(project, 'target/scratchpack/image.tar')
        assert tarball.isFile()
        tarball
    },
    // Serves `body` over HTTPS on 127.0.0.1 with setup.groovy's server certificate; returns [server, url, request count].
    upstream: { File certs, String body ->
        def certificate = new File(certs, 'server.crt').withInputStream {
            CertificateFactory.getInstance('X.509').generateCertificate(it)
        }
        def der = Base64.mimeDecoder.decode(new File(certs, 'server.key').text.replaceAll('-----[A-Z ]+-----', ''))
        def key = KeyFactory.getInstance('RSA').generatePrivate(new PKCS8EncodedKeySpec(der))
        def keyStore = KeyStore.getInstance('PKCS12')
        keyStore.load(null, null)
        def password = 'upstream'.toCharArray()
        keyStore.setKeyEntry('upstream', key, password, [certificate] as java.security.cert.Certificate[])
        def keyManagers = KeyManagerFactory.getInstance(KeyManagerFactory.defaultAlgorithm)
        keyManagers.init(keyStore, password)
        def tls = SSLContext.getInstance('TLS')
        tls.init(keyManagers.keyManagers, null, null)
        def requests = new AtomicInteger()
        def server = HttpsServer.create(new InetSocketAddress(InetAddress.getByName('127.0.0.1'), 0), 0)
        server.httpsConfigurator = new HttpsConfigurator(tls)
        server.createContext('/', { exchange ->
            requests.incrementAndGet()
            def bytes = body.getBytes(StandardCharsets.UTF_8)
            exchange.responseHeaders.add('Content-Type', 'text/plain')
            exchange.sendResponseHeaders(200, bytes.length)
            exchange.responseBody.withStream { it.write(bytes) }
        } as HttpHandler)
        server.start()
        [server, "https://127.0.0.1:${server.address.port}/".toString(), requests]
    },
    // Loads the tarball into podman, runs `image` in the host's network (the upstream listens on the host's loopback)
    // read-only with every capability dropped, waits for `readyPath` to answer, hands `checks` a GET closure and a
    // check closure, then stops the container with SIGTERM; returns the container's log lines.
    run: { File basedir, File tarball, String image, Map<String, String> environment, String readyPath, Closure checks ->
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
        def podman = { List<String> arguments ->
            def (status, output) = exec(['podman', '--runtime', 'runc'] + arguments)
            assert status == 0: "podman ${arguments.join(' ')} failed:\n${output}"
            output
        }
        def socket = new ServerSocket(0)
        def port = socket.localPort
        socket.close()
        def name = "scratchpack-${image.replaceAll('[^a-z0-9]', '-')}-${port}".toString()
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
        def get = { String path ->
            def connection = (HttpURLConnection) new URL("http://127.0.0.1:${port}${path}").openConnection()
            connection.connectTimeout = 2000
            connection.readTimeout = 15000
            int status = connection.responseCode
            def stream = status < 400 ? connection.inputStream : connection.errorStream
            [status, stream == null ? '' : stream.getText('UTF-8')]
        }
        def loaded = false
        def lines = []
        try {
            podman(['load', '-i', tarball.absolutePath])
            loaded = true
            def options = ['run', '-d', '--name', name, '--network', 'host', '--read-only', '--read-only-tmpfs=false',
                           '--tmpfs', '/tmp:rw,mode=1777', '--cap-drop=ALL', '--security-opt=no-new-privileges',
                           '-e', "PORT=${port}".toString()]
            environment.each { key, value -> options += ['-e', "${key}=${value}".toString()] }
            podman(options + [image])
            def ready = null
            for (int i = 0; i < 100 && ready == null; i++) {
                try {
                    ready = get(readyPath)
                } catch (IOException e) {
                    Thread.sleep(200)
                }
            }
            assert ready != null: "${image} did not answer ${readyPath} on port ${port} within 20 s; podman logs:\n" +
                    exec(['podman', 'logs', name])[1]
            checks(get, check)
            check('the service runs as uid 65532') {
                def pid = podman(['inspect', '--format', '{{.State.Pid}}', name]).trim()
                def uids = new File("/proc/${pid}/status").readLines().find { it.startsWith('Uid:') }
                assert uids.split(/\s+/).drop(1) == ['65532'] * 4
            }
            check('podman stop returns within 10 s and the service exits by SIGTERM (143) or with 0, not killed (137)') {
                long start = System.nanoTime()
                podman(['stop', '-t', '15', name])
                double seconds = (System.nanoTime() - start) / 1e9d
                println "podman stop took ${String.format('%.2f', seconds)} s"
                def exitCode = podman(['inspect', '--format', '{{.State.ExitCode}}', name]).trim()
                assert exitCode in ['143', '0'] && seconds < 10
            }
            lines = podman(['logs', name]).readLines()
            println lines.collect { '  | ' + it }.join('\n')
        } finally {
            exec(['podman', '--runtime', 'runc', 'rm', '-f', '-t', '0', name])
            if (loaded) {
                exec(['podman', '--runtime', 'runc', 'rmi', '-f', image])
            }
        }
        [lines, problems]
    },
]
