import io.github.scratchpack.elf.StaticExecutableCheck
import io.github.scratchpack.nativeimage.StandInBuilderImage
import io.github.scratchpack.nativeimage.StandInGraalVm

def podman = evaluate(new File(itSourceDirectory, 'podman-as.groovy'))(basedir, binding)
try {
    def log = new File(basedir, 'build.log').text
    assert log.contains('Using the MultiThreadedBuilder implementation with a thread count of 2')
    def names = (log =~ /run --rm --name (scratchpack-native-[a-z]+-[0-9a-f]{8}) /).collect { it[1] }
    assert names.size() == 2: log
    assert names.toSet().size() == 2: "the two builds shared a container name: ${names}"
    assert names.any { it.startsWith('scratchpack-native-one-') } && names.any { it.startsWith('scratchpack-native-two-') }
    ['one', 'two'].each { module ->
        def target = new File(basedir, "${module}/target")
        StaticExecutableCheck.check(new File(target, module).toPath())
        def builds = StandInGraalVm.Invocation.read(new File(target, 'native-image-invocations.log').toPath())
        assert builds.size() == 1: builds.collect { it.arguments() }
        def args = builds[0].arguments()
        assert args[args.indexOf('-o') + 1] == "/scratchpack/target/${module}".toString()
        assert args[args.indexOf('-cp') + 1] == "/scratchpack/classpath/0/${module}-1.0.0.jar".toString()
        assert args.last() == "it.scratchpack.${module}.Main".toString()
    }
    def containers = podman.check(['ps', '-a', '--filter', 'name=scratchpack-native-', '--format', '{{.Names}}'])
    assert containers.trim().isEmpty(): "containers left behind: ${containers}"
} finally {
    StandInBuilderImage.remove('localhost/scratchpack-standin-builder:it-parallel')
}
true
