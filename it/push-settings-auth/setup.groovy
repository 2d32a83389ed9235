// Starts a distribution registry with an htpasswd (bcrypt) login on a free loopback port, writes the login into a
// global settings file as <server> 127.0.0.1 (host without port), and points the project's image at the registry.
// verify.groovy stops it; `timeout` stops it anyway after 10 minutes if verify never runs. A file tls-host-name makes
// the registry serve HTTPS with a test CA's certificate (in pki/) for 127.0.0.1 and the host name the file holds.
import io.github.scratchpack.testing.TestCertificates

def user = 'ci-pusher'
def password = 'It-Pa55word-7f3c'
def socket = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())
def port = socket.localPort
socket.close()
def registryDir = new File(basedir, 'registry')
registryDir.mkdirs()
def htpasswd = ['htpasswd', '-Bbn', user, password].execute()
def line = htpasswd.text.trim()
assert htpasswd.waitFor() == 0: 'htpasswd failed'
new File(registryDir, 'htpasswd').text = line + '\n'
def tlsHostName = new File(basedir, 'tls-host-name')
def tls = ''
if (tlsHostName.exists()) {
    def certificates = TestCertificates.create(new File(basedir, 'pki').toPath(), [tlsHostName.text.trim()])
    tls = "  tls:\n    certificate: ${certificates.serverCertificate()}\n    key: ${certificates.serverKey()}\n"
}
new File(registryDir, 'config.yml').text = """version: 0.1
log:
  level: info
  formatter: text
storage:
  filesystem:
    rootdirectory: ${registryDir}/storage
http:
  addr: 127.0.0.1:${port}
${tls}auth:
  htpasswd:
    realm: it
    path: ${registryDir}/htpasswd
"""
def process = new ProcessBuilder('timeout', '600', 'docker-registry', 'serve', "${registryDir}/config.yml".toString())
        .redirectErrorStream(true).redirectOutput(new File(registryDir, 'registry.log')).start()
new File(registryDir, 'pid').text = process.pid().toString()
def up = false
for (int i = 0; i < 100 && !up; i++) {
    try {
        new Socket('127.0.0.1', port).close()
        up = true
    } catch (IOException e) {
        Thread.sleep(100)
    }
}
assert up: 'docker-registry did not start:\n' + new File(registryDir, 'registry.log').text
new File(basedir, 'servers.xml').text = """<settings><servers><server>
  <id>127.0.0.1</id><username>${user}</username><password>${passwordForSettings(password)}</password>
</server></servers></settings>
"""
def pom = new File(basedir, 'pom.xml')
pom.text = pom.text.replace('REGISTRY_ADDRESS', "127.0.0.1:${port}")
new File(registryDir, 'address').text = "127.0.0.1:${port}"
true

// wrong-password replaces the password; encrypt-password stores it encrypted with a settings-security.xml master.
String passwordForSettings(String password) {
    def wrong = new File(basedir, 'wrong-password')
    if (wrong.exists()) {
        return wrong.text.trim()
    }
    if (!new File(basedir, 'encrypt-password').exists()) {
        return password
    }
    def master = encrypted(['--encrypt-master-password', 'it-master-Pa55'])
    def security = new File(basedir, 'settings-security.xml')
    security.text = "<settingsSecurity><master>${master}</master></settingsSecurity>\n"
    encrypted(["-Dsettings.security=${security}".toString(), '--encrypt-password', password])
}

String encrypted(List<String> arguments) {
    def process = (['mvn', '-B'] + arguments).execute()
    def output = process.text
    assert process.waitFor() == 0: output
    (output =~ /\{[^{}]+\}/)[0]
}
