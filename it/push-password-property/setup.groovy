// The same registry as push-settings-auth; the credentials come from -Dscratchpack.username/password instead.
evaluate(new File(itSourceDirectory, 'push-settings-auth/setup.groovy'))
new File(basedir, 'servers.xml').delete()

// The server binary is compiled here rather than by exec-maven-plugin in the build as the other push ITs do: at -X,
// exec:exec logs its whole environment, and with it MAVEN_CMD_LINE_ARGS, which the mvn launcher script sets to the
// command line, -Dscratchpack.password=... included. That would be exec-maven-plugin's leak, not scratchpack's, but
// whitelisting it would hide any other line that carried the password; without exec in the build nothing needs to be.
def source = new File(basedir, '../../../src/test/c/http-server.c').canonicalFile
new File(basedir, 'target').mkdirs()
def compile = new ProcessBuilder('musl-gcc', '-static', '-O2', '-o', new File(basedir, 'target/server').path, source.path)
        .redirectErrorStream(true).start()
def output = compile.text
assert compile.waitFor() == 0: "musl-gcc failed:\n${output}"
true
