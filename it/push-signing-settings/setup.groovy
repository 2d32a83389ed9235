// The registry with an htpasswd login, as push-settings-auth starts it: servers.xml holds the login, encrypted with
// the master password in settings-security.xml.
new File(basedir, 'encrypt-password').text = ''
evaluate(new File(itSourceDirectory, 'push-settings-auth/setup.groovy'))

// The server binary, compiled here as push-password-property does.
def source = new File(basedir, '../../../src/test/c/http-server.c').canonicalFile
new File(basedir, 'target').mkdirs()
def compile = new ProcessBuilder('musl-gcc', '-static', '-O2', '-o', new File(basedir, 'target/server').path, source.path)
        .redirectErrorStream(true).start()
def compiled = compile.text
assert compile.waitFor() == 0: "musl-gcc failed:\n${compiled}"

// An encrypted P-256 PKCS#8 key, and its public key for verify.groovy.
def run = { List<String> command ->
    def process = new ProcessBuilder(command).directory(basedir).redirectErrorStream(true).start()
    def output = process.text
    assert process.waitFor() == 0: "${command[0]} ${command[1]} failed: ${output}"
    output
}
run(['openssl', 'genpkey', '-algorithm', 'EC', '-pkeyopt', 'ec_paramgen_curve:P-256', '-out', 'plain-key.pem'])
run(['openssl', 'pkcs8', '-topk8', '-v2', 'aes-256-cbc', '-in', 'plain-key.pem', '-out', 'signing-key.pem',
     '-passout', 'pass:It-Sign-Pa55word-41c7'])
run(['openssl', 'pkey', '-in', 'plain-key.pem', '-pubout', '-out', 'signing-key.pub.pem'])

// The key's password in a <server> with id scratchpack-signing, encrypted with the same master; servers-wrong.xml
// holds a wrong one, encrypted too.
def encrypt = { String password ->
    def output = run(['mvn', '-B', '-Dsettings.security=' + new File(basedir, 'settings-security.xml').path,
                      '--encrypt-password', password])
    (output =~ /\{[^{}]+\}/)[0]
}
def servers = new File(basedir, 'servers.xml').text
def withSigning = { String password ->
    servers.replace('</servers>', "<server><id>scratchpack-signing</id><password>${encrypt(password)}</password>"
            + '</server></servers>')
}
new File(basedir, 'servers.xml').text = withSigning('It-Sign-Pa55word-41c7')
new File(basedir, 'servers-wrong.xml').text = withSigning('Not-The-Sign-Pa55word-3')
true
