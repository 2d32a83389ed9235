// Shared by the hook scripts of the integration tests that look into podman, which load it with
//     def podman = evaluate(new File(itSourceDirectory, 'podman-as.groovy'))(basedir, binding)
// The hooks run in the JVM of the Maven that runs the tests, as root; the build they check ran as root too, or, in
// the integration-test-rootless execution (whose scriptVariables set rootless=true), as the unprivileged user of
// testing/RootlessUser, whose podman storage is its own. So every podman command here runs as the user the build ran as, with the runc runtime
// and the test's containers.conf (written if the test has none: no default ulimits).
//   podman.run(arguments)   [exit code, output]
//   podman.other(command)   [exit code, output] of another command, run as that user too
//   podman.check(arguments) the output; fails unless podman exits with 0
//   podman.uid              the user's id, which files the build wrote belong to
//   podman.finish()         checks that the build ran as that user (the test's target directory is the user's, and
//                           podman runs rootless for the unprivileged user only); for the unprivileged user, then
//                           stops its podman pause process and fails if any process of the user still runs 5 s later
import io.github.scratchpack.testing.RootlessUser

return { File basedir, Binding binding ->
    String user = binding.hasVariable('rootless') && binding.getVariable('rootless') == 'true' ? RootlessUser.NAME : null
    def conf = new File(basedir, 'containers.conf')
    if (!conf.exists()) {
        conf.text = '[containers]\ndefault_ulimits = []\n'
    }
    def execute = { List<String> command ->
        def builder = new ProcessBuilder(command).directory(basedir).redirectErrorStream(true)
        builder.environment().put('CONTAINERS_CONF', conf.absolutePath)
        def process = builder.start()
        def output = process.inputStream.text
        process.waitFor()
        [process.exitValue(), output]
    }
    def other = { List<String> command -> execute(user == null ? command : RootlessUser.command(command)) }
    def run = { List<String> arguments -> other(['podman', '--runtime', 'runc'] + arguments) }
    def check = { List<String> arguments ->
        def (exit, output) = run(arguments)
        assert exit == 0: "podman ${arguments.join(' ')} as ${user ?: 'root'} failed:\n${output}"
        output
    }
    def uid = user == null ? 0L : RootlessUser.create()
    def finish = {
        def owner = java.nio.file.Files.getAttribute(new File(basedir, 'target').toPath(), 'unix:uid')
        assert owner == uid: "target/ belongs to uid ${owner}, not to ${user ?: 'root'}, who ran the build"
        assert check(['info', '--format', '{{.Host.Security.Rootless}}']).trim() == (user != null).toString()
        if (user != null) {
            check(['system', 'migrate'])
            RootlessUser.checkNothingRuns()
        }
    }
    [run: run, other: other, check: check, uid: uid, finish: finish]
}
