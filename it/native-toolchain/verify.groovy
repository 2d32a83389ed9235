import io.github.scratchpack.nativeimage.StandInGraalVm

def toolchainHome = new File(basedir, 'graalvm-toolchain')
def graalvmHome = new File(basedir, 'graalvm-home')
def log = new File(basedir, 'build.log').text

// maven-toolchains-plugin chose the stand-in from toolchains.xml, and native-image said it used it.
assert log.contains('Found matching toolchain for type jdk: JDK[' + toolchainHome.absolutePath + ']'): 'toolchain not selected'
assert log.contains('GraalVM ' + toolchainHome.absolutePath + ' (from the Maven toolchain)')
assert !log.contains('(from GRAALVM_HOME)')

// The toolchain's launcher was called (--version, then the build); the one at GRAALVM_HOME never was.
def invocations = StandInGraalVm.Invocation.read(new File(toolchainHome, 'invocations.log').toPath())
def builds = invocations.findAll { it.arguments() != ['--version'] }
assert builds.size() == 1: invocations.collect { it.arguments() }.join('\n')
assert builds[0].arguments().last() == 'it.scratchpack.toolchain.Main'
assert !new File(graalvmHome, 'invocations.log').exists(): 'the GRAALVM_HOME stand-in was called'

def executable = new File(basedir, 'target/native-toolchain')
assert executable.bytes == new File(toolchainHome, 'lib/standin/app').bytes
assert new File(basedir, 'target/scratchpack/image.tar').isFile()
true
