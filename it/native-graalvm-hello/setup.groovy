import io.github.scratchpack.nativeimage.MuslZlibToolchain

MuslZlibToolchain.compiler()
true
