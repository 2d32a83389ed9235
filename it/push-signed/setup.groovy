import io.github.scratchpack.nativeimage.MuslZlibToolchain
import io.github.scratchpack.nativeimage.StandInGraalVm

// The registry with an htpasswd login, as push-settings-auth starts it (servers.xml holds the login, encrypted).
new File(basedir, 'encrypt-password').text = ''
evaluate(new File(itSourceDirectory, 'push-settings-auth/setup.groovy'))

// A stand-in GraalVM at GRAALVM_HOME (see invoker.properties), and a musl toolchain that links zlib.
StandInGraalVm.create(new File(basedir, 'graalvm').toPath())
MuslZlibToolchain.compiler()

// The signing key as the README tells users to make it: P-256, PKCS#8 encrypted with PBES2/AES-256-CBC.
def openssl = { List<String> arguments ->
    def process = (['openssl'] + arguments).execute(null, basedir)
    def output = process.err.text
    assert process.waitFor() == 0: "openssl ${arguments[0]} failed: ${output}"
}
openssl(['genpkey', '-algorithm', 'EC', '-pkeyopt', 'ec_paramgen_curve:P-256', '-out', 'plain-key.pem'])
openssl(['pkcs8', '-topk8', '-v2', 'aes-256-cbc', '-in', 'plain-key.pem', '-out', 'signing-key.pem',
         '-passout', 'pass:It-Sign-Pa55word-41c7'])
openssl(['pkey', '-in', 'plain-key.pem', '-pubout', '-out', 'signing-key.pub.pem'])
true
