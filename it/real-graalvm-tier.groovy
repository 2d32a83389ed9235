// The rule of the real-GraalVM tier, shared by the native-graalvm-* ITs (evaluated by their selector and setup
// scripts): it runs where GRAALVM_HOME points at a GraalVM with bin/native-image; without one it is skipped,
// except under CI=true, where setup fails instead, naming what is missing.
def home = System.getenv('GRAALVM_HOME')
def present = home != null && !home.isBlank() && new File(home, 'bin/native-image').canExecute()
def ci = System.getenv('CI') == 'true'
[
    selected: { String name ->
        if (!present && !ci) {
            println "SKIPPED ${name}: GRAALVM_HOME does not point at a GraalVM with bin/native-image" +
                    ' (the README command assembles one with .ci/graalvm-kit.sh)'
        }
        present || ci
    },
    require: {
        assert present: "The real-GraalVM tier needs GRAALVM_HOME pointing at a GraalVM with bin/native-image (now: ${home})," +
                ' and CI=true does not allow skipping it. Source .ci/graalvm-kit.sh first, as the README test command does.'
    },
    // A fresh copy of an example project, so that each Maven version builds it from nothing, outside the source tree.
    copyExample: { String name, File into ->
        def source = new File(into, "../../../examples/${name}").canonicalFile.toPath()
        def target = new File(into, name)
        target.deleteDir()
        java.nio.file.Files.walk(source).withCloseable { files ->
            files.filter { !source.relativize(it).toString().startsWith('target') }.each { path ->
                def copy = target.toPath().resolve(source.relativize(path).toString())
                if (java.nio.file.Files.isDirectory(path)) {
                    java.nio.file.Files.createDirectories(copy)
                } else {
                    java.nio.file.Files.copy(path, copy)
                }
            }
        }
        target
    },
]
