import io.github.scratchpack.nativeimage.ShellOnlyPath

ShellOnlyPath.create(new File(basedir, 'bin').toPath())
true
