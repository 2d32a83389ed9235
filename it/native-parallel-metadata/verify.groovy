import io.github.scratchpack.nativeimage.StandInGraalVm

def log = new File(basedir, 'build.log').text
assert log.contains('Using the MultiThreadedBuilder implementation with a thread count of 2')
assert !log.contains('FileSystemAlreadyExistsException')
// Each module chose jackson-databind's metadata (tested with 2.17.2, written for 2.15.2), and none for lang3,
// jackson-core or jackson-annotations.
assert log.findAll('Reachability metadata from .*graalvm-reachability-metadata-0.11.5-repository.zip: 1 of 4 runtime dependencies').size() == 4: log
assert log.findAll('com.fasterxml.jackson.core:jackson-databind:2.17.2 -> metadata 2.15.2\n').size() == 4: log
['alpha', 'beta', 'gamma', 'delta'].each { module ->
    def target = new File(basedir, "${module}/target")
    def metadata = new File(target, 'scratchpack-native/reachability-metadata/com.fasterxml.jackson.core/jackson-databind/2.15.2')
    assert new File(metadata, 'reflect-config.json').isFile(): "${module}: no jackson-databind metadata in ${metadata}"
    def builds = StandInGraalVm.Invocation.read(new File(basedir, "graalvm-${module}/invocations.log").toPath())
            .findAll { it.arguments() != ['--version'] }
    assert builds.size() == 1: "${module}: ${builds}"
    def args = builds[0].arguments() + builds[0].argFileLines()
    assert args[args.indexOf('-o') + 1] == new File(target, module).absolutePath
    assert args.contains("-H:ConfigurationFileDirectories=${metadata.absolutePath}".toString()): args
    assert new File(target, module).canExecute()
}
true
