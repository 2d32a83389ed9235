// Needs a real GraalVM, which no registry these machines reach carries. Runs where GRAALVM_HOME points at one, and
// always on CI (CI=true), where setup.groovy fails if GRAALVM_HOME does not: CI must not pass by skipping it.
def home = System.getenv('GRAALVM_HOME')
if (home != null && !home.isBlank() && new File(home, 'bin/native-image').canExecute()) {
    return true
}
if (System.getenv('CI') == 'true') {
    return true
}
println 'SKIPPED native-graalvm-service: GRAALVM_HOME does not point at a GraalVM with bin/native-image (and CI is not true)'
false
