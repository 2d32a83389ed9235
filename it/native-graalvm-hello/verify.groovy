import io.github.scratchpack.elf.StaticExecutableCheck

def hello = new File(basedir, 'hello')
def executable = new File(hello, 'target/hello')
StaticExecutableCheck.check(executable.toPath())
def tarball = new File(hello, 'target/scratchpack/image.tar')
assert tarball.isFile()

// Invocation 1 built with native-image and said how it went; invocation 2 found nothing to do.
def logs = new File(basedir, 'build.log').text.split(/(?m)^.*Scanning for projects\.\.\.$/).findAll { it.contains('scratchpack') }
assert logs.size() == 2: "expected the logs of two invocations in build.log, found ${logs.size()}"
def built = logs[0]
assert built.contains("GraalVM Native Image: Generating 'hello'"): 'native-image did not run:\n' + built
def summary = built.readLines().find { it.contains('[INFO] Built ') }
assert summary ==~ /.*Built \S+\/target\/hello \([0-9.]+ MiB\) in .*, native-image peak memory [0-9.]+GB/: summary
println "native-graalvm-hello: ${summary.substring(summary.indexOf('Built'))}"
assert built.contains('Smoke test passed: hello:1.0.0 was ready in'): 'the smoke-test goal did not pass:\n' + built
def rebuilt = logs[1]
assert rebuilt.contains('target/hello is up to date'): 'the second package did not find the executable up to date:\n' + rebuilt
assert !rebuilt.contains('GraalVM Native Image: Generating'): 'the second package called native-image'

def conf = new File(basedir, 'containers.conf')
assert conf.isFile(): 'containers.conf (podman: runc, no default ulimits) is part of this IT'
def run = { List<String> command ->
    def builder = new ProcessBuilder(command).redirectErrorStream(true)
    builder.environment().put('CONTAINERS_CONF', conf.absolutePath)
    def process = builder.start()
    def output = process.inputStream.text
    process.waitFor()
    assert process.exitValue() == 0: "${command.join(' ')} failed:\n${output}"
    output.trim()
}
def podman = ['podman', '--runtime', 'runc']
run(podman + ['load', '-i', tarball.absolutePath])
def socket = new ServerSocket(0)
def port = socket.localPort
socket.close()
def name = 'scratchpack-hello-' + port
run(podman + ['run', '-d', '--name', name, '-p', "127.0.0.1:${port}:8080".toString(), 'hello:1.0.0'])
try {
    def body = null
    for (int i = 0; i < 100 && body == null; i++) {
        try {
            body = new URL("http://127.0.0.1:${port}/").text
        } catch (IOException e) {
            Thread.sleep(200)
        }
    }
    assert body == 'Hello from a static executable in a FROM-scratch image\n'
    // podman top would run ps in the container, which a FROM-scratch image does not have: read the host's /proc
    def pid = run(podman + ['inspect', '--format', '{{.State.Pid}}', name])
    def uids = new File("/proc/${pid}/status").readLines().find { it.startsWith('Uid:') }
    assert uids.split(/\s+/).drop(1) == ['65532'] * 4: uids

    // PID 1 built with --install-exit-handlers stops on SIGTERM instead of waiting to be killed
    long start = System.nanoTime()
    run(podman + ['stop', '-t', '10', name])
    long stopMillis = (System.nanoTime() - start).intdiv(1_000_000)
    def exitCode = run(podman + ['inspect', '--format', '{{.State.ExitCode}}', name])
    println "native-graalvm-hello: podman stop took ${stopMillis} ms, exit code ${exitCode}"
    assert stopMillis < 5000: "podman stop took ${stopMillis} ms: SIGTERM did not stop the executable"
    assert exitCode == '143': "exit code ${exitCode}: the executable was killed, not stopped by SIGTERM"
} finally {
    run(podman + ['rm', '-f', '-t', '0', name])
    run(podman + ['rmi', '-f', 'hello:1.0.0'])
}
true
