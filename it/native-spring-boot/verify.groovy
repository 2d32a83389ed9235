import io.github.scratchpack.nativeimage.StandInGraalVm

// Three builds of one Spring Boot application; the stand-in GraalVM recorded what each native-image call got.
def target = new File(basedir, 'target')
def classes = new File(target, 'classes').absolutePath
def builds = StandInGraalVm.Invocation.read(new File(basedir, 'graalvm/invocations.log').toPath())
        .findAll { it.arguments() != ['--version'] }
def log = new File(basedir, 'build.log').text

// Invocation 2 failed before native-image: two builds, from invocations 1 and 3
assert builds.size() == 2: builds.collect { it.arguments() }.join('\n')
builds.each { build ->
    def classpath = build.valueOf('-cp').split(':') as List
    assert classpath[0] == classes: "native-image got ${classpath[0]}, not the classes directory"
    assert !classpath.any { it.endsWith('native-spring-boot-1.0.0.jar') }: classpath
    assert classpath.any { new File(it).name ==~ /spring-boot-3\.5\.7\.jar/ }: classpath
    assert build.arguments().last() == 'it.scratchpack.boot.Application'
}
assert log.contains('native-spring-boot-1.0.0.jar is a jar that Spring Boot repackaged; building from ' + classes)
assert log.contains('Main class it.scratchpack.boot.Application, from the Start-Class of the jar Spring Boot repackaged')
assert log.contains('Main class it.scratchpack.boot.Application, from -H:Class in the application\'s META-INF/native-image')

// Invocation 2: the message names what is missing and the execution to add
assert log.contains('it.scratchpack.boot.Application is a Spring Boot application, but Spring\'s ahead-of-time processing'
        + ' has not run: ' + classes + ' has no it/scratchpack/boot/Application__ApplicationContextInitializer.class')
assert log.contains('Add the process-aot execution to spring-boot-maven-plugin in the POM')
true
