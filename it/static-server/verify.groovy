import groovy.json.JsonSlurper
import java.nio.file.Files
import java.security.MessageDigest

def sha256 = { File f -> MessageDigest.getInstance('SHA-256').digest(f.bytes).encodeHex().toString() }
def ci = System.getenv('CI') == 'true'
def has = { String name ->
    def p = ['sh', '-c', "command -v ${name}"].execute()
    p.waitFor()
    if (p.exitValue() != 0) {
        if (ci) throw new AssertionError("${name} is not installed and CI=true")
        println "SKIPPED: ${name} is not installed"
        return false
    }
    true
}
def run = { List<String> command ->
    def process = new ProcessBuilder(command).redirectErrorStream(true).start()
    def output = process.inputStream.text
    process.waitFor()
    assert process.exitValue() == 0: "${command.join(' ')} failed:\n${output}"
    output
}

def tarball = new File(basedir, 'target/scratchpack/image.tar')
def first = new File(basedir, 'first/image.tar')
assert tarball.isFile()
assert first.isFile()
assert sha256(tarball) == sha256(first): 'two builds of the same inputs gave different tarballs'

def report = new JsonSlurper().parse(new File(basedir, 'target/scratchpack/image.json'))
assert report.digest ==~ /sha256:[0-9a-f]{64}/
assert report.tags == ['static-server:1.0.0', 'static-server:latest']
assert report.architecture == 'amd64'
assert report.layers.size() == 4
assert !new File(basedir, 'target/scratchpack').listFiles().any { it.name.endsWith('.tmp') }

def log = new File(basedir, 'build.log').text
assert log.contains('Digest   ' + report.digest)
assert log.contains('podman load -i target/scratchpack/image.tar')

if (has('skopeo')) {
    def oci = new JsonSlurper().parseText(run(['skopeo', 'inspect', "oci-archive:${tarball}:1.0.0".toString()]))
    assert oci.Digest == report.digest
    assert oci.Architecture == 'amd64'
    assert oci.Env.contains('SSL_CERT_FILE=/etc/ssl/certs/ca-certificates.crt')
    assert oci.Env.contains('GREETING=hello')
    assert oci.Labels.team == 'platform'
    def docker = new JsonSlurper().parseText(run(['skopeo', 'inspect', "docker-archive:${tarball}".toString()]))
    assert docker.Layers.size() == 4
    assert docker.Architecture == 'amd64'
    def config = new JsonSlurper().parseText(run(['skopeo', 'inspect', '--config', "oci-archive:${tarball}:latest".toString()]))
    assert config.config.User == '65532:65532'
    assert config.config.Entrypoint == ['/app/static-server']
    assert config.config.ExposedPorts.keySet() == ['53/udp', '8080/tcp'] as Set
}

if (has('umoci')) {
    def layout = new File(basedir, 'target/layout')
    layout.mkdirs()
    run(['tar', '-xf', tarball.absolutePath, '-C', layout.absolutePath])
    def bundle = new File(basedir, 'target/bundle')
    run(['umoci', 'unpack', '--image', "${layout}:1.0.0".toString(), bundle.absolutePath])
    def rootfs = new File(bundle, 'rootfs')
    assert new File(rootfs, 'app/static-server').canExecute()
    assert new File(rootfs, 'etc/app/app.toml').text == 'greeting = "hello"\n'
    assert new File(rootfs, 'etc/passwd').text.contains('nonroot:x:65532:65532:')
    assert new File(rootfs, 'etc/ssl/certs/ca-certificates.crt').text.startsWith('-----BEGIN CERTIFICATE-----')
    assert Files.getAttribute(new File(rootfs, 'tmp').toPath(), 'unix:mode') == 041777
    assert Files.getAttribute(new File(rootfs, 'home/nonroot').toPath(), 'unix:uid') == 65532
}

if (has('podman') && has('runc')) {
    def podman = evaluate(new File(itSourceDirectory, 'podman-as.groovy'))(basedir, binding)
    def loaded = podman.check(['load', '-i', tarball.absolutePath])
    assert loaded.contains('static-server:1.0.0')
    try {
        def seen = podman.check(['run', '--rm', 'static-server:1.0.0', '--report'])
        assert seen.contains('uid=65532 gid=65532 certs=yes passwd=yes tmp=yes')
        def socket = new ServerSocket(0)
        def port = socket.localPort
        socket.close()
        def name = 'scratchpack-it-' + port
        podman.check(['run', '-d', '--name', name, '-p', "127.0.0.1:${port}:8080".toString(), 'static-server:1.0.0'])
        try {
            def body = null
            for (int i = 0; i < 50 && body == null; i++) {
                try {
                    body = new URL("http://127.0.0.1:${port}/").text
                } catch (IOException e) {
                    Thread.sleep(200)
                }
            }
            assert body == 'uid=65532 gid=65532 certs=yes passwd=yes tmp=yes\n'
        } finally {
            podman.check(['rm', '-f', '-t', '0', name])
        }
    } finally {
        podman.check(['rmi', '-f', 'static-server:1.0.0', 'static-server:latest'])
        podman.finish()
    }
}
true
