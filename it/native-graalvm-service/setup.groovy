import io.github.scratchpack.testing.TestCertificates

// selector.groovy also selects this IT on CI without a GraalVM: there it must fail, not skip
def home = System.getenv('GRAALVM_HOME')
if (home == null || home.isBlank() || !new File(home, 'bin/native-image').canExecute()) {
    throw new IllegalStateException("CI=true but GRAALVM_HOME (${home}) does not point at a GraalVM with bin/native-image:"
            + ' native-graalvm-service needs a real GraalVM on CI')
}
// The private CA that the image trusts (invoker.properties gives certs/ca.crt to the image goal) and the certificate
// it signed for the HTTPS upstream that verify.groovy serves on 127.0.0.1
TestCertificates.create(new File(basedir, 'certs').toPath())
true
