import io.github.scratchpack.elf.StaticExecutableCheck

def hello = new File(basedir, '../../../examples/hello').canonicalFile
def executable = new File(hello, 'target/hello')
StaticExecutableCheck.check(executable.toPath())
def tarball = new File(hello, 'target/scratchpack/image.tar')
assert tarball.isFile()

def conf = new File(basedir, 'containers.conf')
conf.text = '[containers]\ndefault_ulimits = []\n'
def run = { List<String> command ->
    def builder = new ProcessBuilder(command).redirectErrorStream(true)
    builder.environment().put('CONTAINERS_CONF', conf.absolutePath)
    def process = builder.start()
    def output = process.inputStream.text
    process.waitFor()
    assert process.exitValue() == 0: "${command.join(' ')} failed:\n${output}"
    output
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
    for (int i = 0; i < 50 && body == null; i++) {
        try {
            body = new URL("http://127.0.0.1:${port}/").text
        } catch (IOException e) {
            Thread.sleep(200)
        }
    }
    assert body == 'Hello from a static executable in a FROM-scratch image\n'
} finally {
    run(podman + ['rm', '-f', '-t', '0', name])
    run(podman + ['rmi', '-f', 'hello:1.0.0'])
}
true
