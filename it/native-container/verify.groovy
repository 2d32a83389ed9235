import io.github.scratchpack.elf.StaticExecutableCheck
import io.github.scratchpack.nativeimage.StandInGraalVm
import java.nio.file.Files

// native-image wrote the executable in the builder container, through the bind mount of target/: it must belong
// to the user who ran Maven (with rootless podman, not to one of that user's subordinate ids), and be usable.
def podman = evaluate(new File(itSourceDirectory, 'podman-as.groovy'))(basedir, binding)
def image = 'it-native/native-container:1.0.0'
try {
    def executable = new File(basedir, 'target/native-container').toPath()
    assert Files.getAttribute(executable, 'unix:uid') == podman.uid
    StaticExecutableCheck.check(executable)
    def invocations = StandInGraalVm.Invocation.read(new File(basedir, 'target/native-image-invocations.log').toPath())
    assert invocations*.header() == ["invocation cwd=/scratchpack/target uid=${podman.uid}".toString()]

    def log = new File(basedir, 'build.log').text
    assert log.contains('building in localhost/scratchpack-standin-builder:it with podman'): log
    assert log.contains('Loaded image'): log
    // the image's entrypoint passes the Java trust store options first, which the test server does not take
    def seen = podman.check(['run', '--rm', '--entrypoint', '/app/native-container', image, '--report'])
    assert seen.contains('uid=65532 gid=65532 certs=yes passwd=yes tmp=yes'): seen
} finally {
    podman.check(['rmi', '--force', '--ignore', image, 'localhost/scratchpack-standin-builder:it'])
    podman.finish()
}
true
