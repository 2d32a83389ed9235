import io.github.scratchpack.nativeimage.MuslZlibToolchain

// selector.groovy also selects this IT on CI without a GraalVM: there it must fail, not skip
def home = System.getenv('GRAALVM_HOME')
if (home == null || home.isBlank() || !new File(home, 'bin/native-image').canExecute()) {
    throw new IllegalStateException("CI=true but GRAALVM_HOME (${home}) does not point at a GraalVM with bin/native-image:"
            + ' native-graalvm-hello needs a real GraalVM on CI')
}
MuslZlibToolchain.compiler()
true
