import io.github.scratchpack.image.Sha256
import io.github.scratchpack.nativeimage.StandInGraalVm
import groovy.json.JsonSlurper
import org.cyclonedx.Version
import org.cyclonedx.parsers.JsonParser
import java.nio.file.Files
import java.util.zip.GZIPInputStream
import org.apache.commons.compress.archivers.tar.TarArchiveInputStream

def target = new File(basedir, 'target')
def executable = new File(target, 'native-standin')
def graalvm = new File(basedir, 'graalvm')
def standInOutput = new File(graalvm, 'lib/standin/app')

// Invocation 1 asked for the version once and built; 2 called nothing; 3 built again with the new argument.
def invocations = StandInGraalVm.Invocation.read(new File(graalvm, 'invocations.log').toPath())
def builds = invocations.findAll { it.arguments() != ['--version'] }
assert invocations.size() == 3: invocations.collect { it.arguments() }.join('\n')
assert builds.size() == 2

def repository = new File(basedir, '../../local-repo').canonicalFile
def args = builds[0].arguments()
assert args.containsAll(['--static', '--libc=musl', '--no-fallback', '-march=compatibility'])
assert args[args.indexOf('-o') + 1] == executable.absolutePath
def classpath = args[args.indexOf('-cp') + 1].split(':') as List
assert classpath.size() == 5: classpath
assert classpath[0] == new File(target, 'native-standin-1.0.0.jar').absolutePath
assert classpath.collect { new File(it).name }.subList(1, 5) == ['commons-lang3-3.17.0.jar', 'commons-io-2.18.0.jar',
        'slf4j-simple-2.0.16.jar', 'slf4j-api-2.0.16.jar']
assert args.last() == 'it.scratchpack.standin.Main'
assert !args.contains('-H:+ReportExceptionStackTraces')
assert builds[1].arguments().contains('-H:+ReportExceptionStackTraces')
assert builds[1].arguments().last() == 'it.scratchpack.standin.Main'

assert executable.bytes == standInOutput.bytes

def log = new File(basedir, 'build.log').text
assert log.contains('(from GRAALVM_HOME)')
assert log.contains('native-image version: native-image 25.0.1 2025-10-21')
assert log.contains('[1/8] Initializing...')
assert log.contains('[8/8] Creating image...')
assert log.findAll(/is up to date \(no input changed since it was built\); skipping native-image/).size() == 1
assert log.contains('Building: argument changed: argument -H:+ReportExceptionStackTraces')
assert log =~ /Built .*native-standin \([0-9.]+ KiB\) in [0-9.]+ s/

// The image holds exactly what the stand-in wrote, at /app/native-standin.
def tarball = new File(target, 'scratchpack/image.tar')
assert tarball.isFile()
def blobs = [:]
new TarArchiveInputStream(new FileInputStream(tarball)).withCloseable { tar ->
    for (def entry = tar.nextEntry; entry != null; entry = tar.nextEntry) {
        if (entry.name.startsWith('blobs/sha256/')) {
            blobs[entry.name] = tar.readAllBytes()
        }
    }
}
def found = null
blobs.each { name, bytes ->
    if (bytes.length > 2 && bytes[0] == (byte) 0x1f && bytes[1] == (byte) 0x8b) {
        new TarArchiveInputStream(new GZIPInputStream(new ByteArrayInputStream(bytes))).withCloseable { layer ->
            for (def entry = layer.nextEntry; entry != null; entry = layer.nextEntry) {
                if (entry.name == 'app/native-standin') {
                    found = layer.readAllBytes()
                    assert entry.mode == 0755
                }
            }
        }
    }
}
assert found != null: 'no layer holds app/native-standin'
assert found == standInOutput.bytes
// The SBOM beside the tarball is valid CycloneDX 1.6 and names what went into the executable: the project's runtime
// dependencies by package URL, with the SHA-256 of the very jars in the local repository, and not the provided one.
def sbomFile = new File(target, 'scratchpack/sbom.cdx.json')
def sbomBytes = sbomFile.bytes
assert new JsonParser().validate(sbomBytes, Version.VERSION_16).isEmpty()
def sbom = new JsonSlurper().parse(sbomBytes)
def components = sbom.components.collectEntries { [(it['bom-ref']): it] }
def lang3 = components['pkg:maven/org.apache.commons/commons-lang3@3.17.0']
def io = components['pkg:maven/commons-io/commons-io@2.18.0']
assert lang3 != null && io != null: components.keySet()
def jar = { String path -> new File(repository, path) }
assert lang3.hashes[0].content == Sha256.hex(Sha256.ofFile(jar('org/apache/commons/commons-lang3/3.17.0/commons-lang3-3.17.0.jar').toPath()))
assert io.hashes[0].content == Sha256.hex(Sha256.ofFile(jar('commons-io/commons-io/2.18.0/commons-io-2.18.0.jar').toPath()))
assert lang3.licenses*.license*.id == ['Apache-2.0']: lang3.licenses
assert !components.keySet().any { it.contains('commons-codec') }
def app = components['pkg:maven/it.scratchpack/native-standin@1.0.0']
assert app.hashes[0].content == Sha256.hex(Sha256.ofFile(new File(target, 'native-standin-1.0.0.jar').toPath()))
def dependsOn = sbom.dependencies.collectEntries { [(it.ref): it.dependsOn] }
assert dependsOn['file:/app/native-standin'] == ['pkg:maven/it.scratchpack/native-standin@1.0.0']
assert dependsOn['pkg:maven/it.scratchpack/native-standin@1.0.0'] == ['pkg:maven/commons-io/commons-io@2.18.0',
        'pkg:maven/org.apache.commons/commons-lang3@3.17.0', 'pkg:maven/org.slf4j/slf4j-simple@2.0.16']
assert dependsOn['pkg:maven/org.slf4j/slf4j-simple@2.0.16'] == ['pkg:maven/org.slf4j/slf4j-api@2.0.16']
def api = components['pkg:maven/org.slf4j/slf4j-api@2.0.16']
assert api.hashes[0].content == Sha256.hex(Sha256.ofFile(jar('org/slf4j/slf4j-api/2.0.16/slf4j-api-2.0.16.jar').toPath()))
assert api.licenses*.license*.id == ['MIT']: api.licenses
assert components['file:/app/native-standin'].hashes[0].content == Sha256.hex(Sha256.ofFile(executable.toPath()))
assert sbom.metadata.tools.components*.description.contains('native-image 25.0.1 2025-10-21')
def report = new JsonSlurper().parse(new File(target, 'scratchpack/image.json'))
// image.json names its files relative to itself, so that a copy restored elsewhere (the build cache) stays true
assert report.sbom.path == 'sbom.cdx.json'
assert report.sbom.digest == Sha256.of(sbomBytes)
assert report.sbom.size == sbomBytes.length
assert sbom.metadata.component.version == report.digest
assert log.contains('SBOM: native-standin with the 4 runtime libraries native-image built it from')
assert log.contains('SBOM     target/scratchpack/sbom.cdx.json')
true
