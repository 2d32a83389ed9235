import io.github.scratchpack.nativeimage.MuslZlibToolchain
import io.github.scratchpack.nativeimage.StandInGraalVm

// A stand-in GraalVM for each module (its graalvmHome), and a musl toolchain.
['alpha', 'beta', 'gamma', 'delta'].each { StandInGraalVm.create(new File(basedir, "graalvm-${it}").toPath()) }
MuslZlibToolchain.compiler()
true
