def log = new File(basedir, 'build.log').text
assert log.contains('No GraalVM was found')
assert log.contains('set GRAALVM_HOME to its directory')
assert log.contains('install Podman or Docker to build inside ghcr.io/graalvm/native-image-community:25-muslib')
assert !log.contains('\tat io.github.scratchpack'): 'a stack trace was printed at the default log level'
assert !new File(basedir, 'target/scratchpack/image.tar').exists()
true
