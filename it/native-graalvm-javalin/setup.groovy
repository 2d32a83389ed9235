import io.github.scratchpack.testing.TestCertificates

def tier = evaluate(new File(itSourceDirectory, 'real-graalvm-tier.groovy'))
tier.require()
tier.copyExample('javalin', basedir)
// The private CA that the image trusts (invoker.properties gives certs/ca.crt to the image goal) and the certificate
// it signed for the HTTPS upstream that verify.groovy serves on 127.0.0.1
TestCertificates.create(new File(basedir, 'certs').toPath())
true
