import io.github.scratchpack.nativeimage.MuslZlibToolchain
import io.github.scratchpack.nativeimage.StandInGraalVm
import java.nio.file.Files
import java.nio.file.Path

// Two stand-in GraalVMs: one registered as the jdk toolchain the pom asks for, one at GRAALVM_HOME
// (see invoker.properties), which comes later in the search order and must not be used: it fails if called.
def toolchainHome = StandInGraalVm.create(new File(basedir, 'graalvm-toolchain').toPath()).home()
StandInGraalVm.create(new File(basedir, 'graalvm-home').toPath()).configure('STANDIN_FAILURE=oom')
MuslZlibToolchain.compiler()

// Like a real GraalVM the toolchain is a JDK too: maven-compiler-plugin forks its javac.
['java', 'javac'].each { tool ->
    Files.createSymbolicLink(toolchainHome.resolve("bin/$tool"), Path.of(System.getProperty('java.home'), 'bin', tool))
}

new File(basedir, 'toolchains.xml').text = """<?xml version="1.0" encoding="UTF-8"?>
<toolchains>
  <toolchain>
    <type>jdk</type>
    <provides>
      <version>25</version>
      <vendor>standin-graalvm</vendor>
    </provides>
    <configuration>
      <jdkHome>${toolchainHome.toAbsolutePath()}</jdkHome>
    </configuration>
  </toolchain>
</toolchains>
"""
true
