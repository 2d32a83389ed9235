import io.github.scratchpack.nativeimage.MuslZlibToolchain
import io.github.scratchpack.nativeimage.StandInGraalVm

// A stand-in GraalVM at GRAALVM_HOME (see invoker.properties), and a musl toolchain that links zlib.
StandInGraalVm.create(new File(basedir, 'graalvm').toPath())
MuslZlibToolchain.compiler()
true
