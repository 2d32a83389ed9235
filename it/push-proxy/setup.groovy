// A registry only the proxy can reach: push-settings-auth's registry (htpasswd login on a free port of 127.0.0.1),
// serving HTTPS with a test CA's certificate for registry.scratchpack.invalid (see tls-host-name), and squid, which
// alone resolves registry.scratchpack.invalid to 127.0.0.1 from its own hosts file; the name resolves nowhere else.
// servers.xml gets the registry's <server> and squid's <proxy>, both with logins whose passwords are encrypted with
// the master password in settings-security.xml. verify.groovy stops both.
import io.github.scratchpack.testing.ForwardProxy

// The file encrypt-password makes the shared setup write settings-security.xml and encrypt the registry password.
evaluate(new File(itSourceDirectory, 'push-settings-auth/setup.groovy'))
def registryPassword = (new File(basedir, 'servers.xml').text =~ /<password>([^<]+)<\/password>/)[0][1]
def encrypt = ['mvn', '-B', "-Dsettings.security=${new File(basedir, 'settings-security.xml')}".toString(),
               '--encrypt-password', 'Pr0xy-Pa55-it-9d2'].execute()
def encryptOutput = encrypt.text
assert encrypt.waitFor() == 0: encryptOutput
def proxyPassword = (encryptOutput =~ /\{[^{}]+\}/)[0]
def address = new File(basedir, 'registry/address').text
def port = address.substring(address.indexOf(':') + 1)
def pom = new File(basedir, 'pom.xml')
pom.text = pom.text.replace("${address}/acme/server", "registry.scratchpack.invalid:${port}/acme/server")

def proxy = ForwardProxy.start('proxy-user', 'Pr0xy-Pa55-it-9d2', ['registry.scratchpack.invalid': '127.0.0.1'])
new File(basedir, 'squid-directory').text = proxy.directory().toString()
new File(basedir, 'servers.xml').text = """<settings>
  <servers><server>
    <id>registry.scratchpack.invalid</id><username>ci-pusher</username><password>${registryPassword}</password>
  </server></servers>
  <proxies>
    <proxy><id>inactive</id><active>false</active><protocol>https</protocol><host>127.0.0.1</host><port>9</port></proxy>
    <proxy><id>corp</id><active>true</active><protocol>http</protocol><host>127.0.0.1</host><port>${proxy.port()}</port>
      <username>proxy-user</username><password>${proxyPassword}</password><nonProxyHosts>localhost|*.example</nonProxyHosts>
    </proxy>
  </proxies>
</settings>
"""
true
