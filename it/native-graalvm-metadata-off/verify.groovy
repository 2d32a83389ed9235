import io.github.scratchpack.elf.StaticExecutableCheck

// Without its reachability metadata, Caffeine cannot find the cache class it picks by a computed name: the build
// succeeds and the executable fails at run time. examples/javalin makes the same cache with the metadata and works
// (native-graalvm-javalin).
def log = new File(basedir, 'build.log').text
assert log.contains('Reachability metadata repository: off (scratchpack.metadataRepository=false)')
assert !log.contains('-H:ConfigurationFileDirectories')
def executable = new File(basedir, 'target/native-graalvm-metadata-off')
StaticExecutableCheck.check(executable.toPath())

def process = new ProcessBuilder(executable.absolutePath).redirectErrorStream(true).start()
def output = process.inputStream.text
process.waitFor()
println "native-graalvm-metadata-off: exit code ${process.exitValue()}: ${output.readLines().take(3).join(' | ')}"
assert process.exitValue() != 0: "Caffeine worked without its metadata, so this test proves nothing:\n${output}"
assert !output.contains('cache works')
assert output.contains('com.github.benmanes.caffeine.cache'): output
true
