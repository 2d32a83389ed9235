// scratchpack.engine=auto: on a machine whose docker has no daemon it must pick podman; elsewhere docker.
def podman = evaluate(new File(itSourceDirectory, 'podman-as.groovy'))(basedir, binding)
def log = new File(basedir, 'build.log').text
assert log.contains('Loaded image'): log
def (dockerExit, dockerOutput) = podman.other(['sh', '-c', 'docker version --format "{{.Server.Version}}"'])
if (dockerExit != 0) {
    try {
        def output = podman.check(['run', '--rm', 'it-load/server:1.0.0', '--report'])
        assert output.contains('uid=65532 gid=65532 certs=yes passwd=yes tmp=yes'): output
    } finally {
        podman.check(['rmi', '-f', 'it-load/server:1.0.0'])
        podman.finish()
    }
}
true
