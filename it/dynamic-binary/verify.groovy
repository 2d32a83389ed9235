def log = new File(basedir, 'build.log').text
assert log.contains('is dynamically linked: it needs the interpreter /lib64/ld-linux-x86-64.so.2 and the libraries libc.so.6')
assert log.contains('native-image --static --libc=musl')
assert !log.contains('\tat io.github.scratchpack'): 'a stack trace was printed at the default log level'
assert !new File(basedir, 'target/scratchpack/image.tar').exists()
assert !new File(basedir, 'target/scratchpack/image.json').exists()
true
