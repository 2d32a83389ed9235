// scratchpack.engine=auto: on a machine whose docker has no daemon it must pick podman; elsewhere docker.
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
def log = new File(basedir, 'build.log').text
assert log.contains('Loaded image'): log
def dockerAnswers = ['sh', '-c', 'docker version --format "{{.Server.Version}}"'].execute().waitFor() == 0
if (!dockerAnswers) {
    try {
        def output = run(['podman', '--runtime', 'runc', 'run', '--rm', 'it-load/server:1.0.0', '--report'])
        assert output.contains('uid=65532 gid=65532 certs=yes passwd=yes tmp=yes'): output
    } finally {
        run(['podman', 'rmi', '-f', 'it-load/server:1.0.0'])
    }
}
true
