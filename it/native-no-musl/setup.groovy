import io.github.scratchpack.nativeimage.ShellOnlyPath
import io.github.scratchpack.nativeimage.StandInGraalVm

StandInGraalVm.create(new File(basedir, 'graalvm').toPath())
ShellOnlyPath.create(new File(basedir, 'bin').toPath())
true
