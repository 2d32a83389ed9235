import io.github.scratchpack.testing.TestCertificates

def tier = evaluate(new File(itSourceDirectory, 'real-graalvm-tier.groovy'))
tier.require()
tier.copyExample('javalin', basedir)
// A greeting word of this run's own in the configuration file that the image goal's <files> puts into the image, so
// that the greeting the container answers can only come from this build's copy of that file
def config = new File(basedir, 'javalin/src/main/config/javalin.properties')
assert config.text.contains('greeting=Hello\n')
config.text = config.text.replace('greeting=Hello\n', "greeting=Hello ${Long.toString(System.nanoTime(), 36)}\n")
// The private CA that the image trusts (invoker.properties gives certs/ca.crt to the image goal) and the certificate
// it signed for the HTTPS upstream that verify.groovy serves on 127.0.0.1
TestCertificates.create(new File(basedir, 'certs').toPath())
true
