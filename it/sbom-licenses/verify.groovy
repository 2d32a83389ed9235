import io.github.scratchpack.nativeimage.StandInGraalVm
import groovy.json.JsonSlurper
import org.apache.commons.compress.archivers.tar.TarArchiveInputStream
import org.cyclonedx.Version
import org.cyclonedx.parsers.JsonParser

def target = new File(basedir, 'target')
def log = new File(basedir, 'build.log').text

// Invocation 1 built; invocation 2 (offline) found the executable up to date.
def invocations = StandInGraalVm.Invocation.read(new File(basedir, 'graalvm/invocations.log').toPath())
assert invocations.findAll { it.arguments() != ['--version'] }.size() == 1
assert log.findAll(/is up to date \(no input changed since it was built\); skipping native-image/).size() == 1

// The SBOM: a license inherited from a parent POM that only the project's <repositories> serve; two to choose from;
// one without an SPDX identifier, by its name; and a library without a POM, listed without licenses.
def sbomBytes = new File(target, 'scratchpack/sbom.cdx.json').bytes
assert new JsonParser().validate(sbomBytes, Version.VERSION_16).isEmpty()
def components = new JsonSlurper().parse(sbomBytes).components.collectEntries { [(it.name): it] }
assert components['child'].licenses*.license*.id == ['EPL-2.0']: components['child']
assert components['dual'].licenses*.license*.id == ['Apache-2.0', 'MIT']: components['dual']
assert components['custom'].licenses*.license*.name == ['Example Corp Source Licence']: components['custom']
assert components['no-pom'] != null && components['no-pom'].licenses == null: components['no-pom']

// The library without a POM is named in a warning, with why, in both builds; the offline one read no POM, so its
// warning is the one recorded when the executable was built, not a failure to reach the repository offline.
def warnings = log.readLines().findAll { it.contains('[WARNING] The SBOM lists it.licenses:no-pom:jar:1.0 without its licenses') }
assert warnings.size() == 2: warnings
assert warnings.every { it.contains('it.licenses:no-pom:pom:1.0') }: warnings
assert !warnings[0].contains('when the executable was built') && warnings[1].contains('when the executable was built')
assert !log.readLines().any { it.contains('without its licenses') && it.contains('offline') }
assert !log.readLines().any { it.contains('without its licenses') && !it.contains('no-pom') }

// The manifest's annotations, as the OCI image spec defines them.
def digest = new JsonSlurper().parse(new File(target, 'scratchpack/image.json')).digest
def annotations = null
new TarArchiveInputStream(new FileInputStream(new File(target, 'scratchpack/image.tar'))).withCloseable { tar ->
    for (def entry = tar.nextEntry; entry != null; entry = tar.nextEntry) {
        if (entry.name == 'blobs/sha256/' + digest.substring('sha256:'.length())) {
            annotations = new JsonSlurper().parse(tar.readAllBytes()).annotations
        }
    }
}
assert annotations != null
assert annotations['org.opencontainers.image.licenses'] == '(Apache-2.0 OR MIT) AND EPL-2.0 AND MIT': annotations
assert log.contains('org.opencontainers.image.licenses leaves out "Example Corp Source Licence" of it.licenses:custom:1.0')
// This test project lies inside scratchpack's own checkout, when it is one: the revision is that checkout's commit.
def git = ['git', '-C', basedir.absolutePath, 'rev-parse', 'HEAD'].execute()
def head = git.text.trim()
if (git.waitFor() == 0) {
    assert annotations['org.opencontainers.image.revision'] == head: annotations
    assert head ==~ /[0-9a-f]{40}/
} else {
    assert !annotations.containsKey('org.opencontainers.image.revision'): annotations
}
true
