import io.github.scratchpack.nativeimage.StandInGraalVm

def log = new File(basedir, 'build.log').text
assert log.contains('The musl C compiler x86_64-linux-musl-gcc is not on PATH')
assert !log.contains('\tat io.github.scratchpack'): 'a stack trace was printed at the default log level'
// The stand-in was asked for its version and never asked to build.
def invocations = StandInGraalVm.Invocation.read(new File(basedir, 'graalvm/invocations.log').toPath())
assert invocations*.arguments() == [['--version']]
assert !new File(basedir, 'target/no-musl').exists()
// Within seconds: the goal's own share of the build, from its first log line to the failure.
def seconds = (log =~ /Total time:\s+([0-9.]+) s/)[0][1] as double
assert seconds < 30: "the build took ${seconds} s"
true
