import io.github.scratchpack.nativeimage.MuslZlibToolchain
import io.github.scratchpack.nativeimage.StandInGraalVm
import java.security.MessageDigest
import java.util.jar.JarOutputStream
import java.util.jar.Manifest

// A stand-in GraalVM at GRAALVM_HOME (see invoker.properties), and a musl toolchain that links zlib.
StandInGraalVm.create(new File(basedir, 'graalvm').toPath())
MuslZlibToolchain.compiler()

// The repository that only the project's POM declares.
def repo = new File(basedir, 'repo')
def put = { String artifactId, String extension, byte[] bytes ->
    def directory = new File(repo, "it/licenses/${artifactId}/1.0")
    directory.mkdirs()
    def file = new File(directory, "${artifactId}-1.0.${extension}")
    file.bytes = bytes
    new File(directory, file.name + '.sha1').text = MessageDigest.getInstance('SHA-1').digest(bytes).encodeHex().toString()
}
def pom = { String artifactId, String packaging, String more ->
    put(artifactId, 'pom', """<?xml version="1.0" encoding="UTF-8"?>
<project xmlns="http://maven.apache.org/POM/4.0.0">
  <modelVersion>4.0.0</modelVersion>
  ${more}
  <groupId>it.licenses</groupId>
  <artifactId>${artifactId}</artifactId>
  <version>1.0</version>
  <packaging>${packaging}</packaging>
</project>
""".getBytes('UTF-8'))
}
def jar = { String artifactId ->
    def bytes = new ByteArrayOutputStream()
    def manifest = new Manifest()
    manifest.mainAttributes.putValue('Manifest-Version', '1.0')
    new JarOutputStream(bytes, manifest).close()
    put(artifactId, 'jar', bytes.toByteArray())
}
def license = { String name, String url -> "<license><name>${name}</name><url>${url}</url></license>" }

pom('parent', 'pom', "<licenses>${license('Eclipse Public License 2.0', 'https://www.eclipse.org/legal/epl-2.0/')}</licenses>")
pom('child', 'jar', '<parent><groupId>it.licenses</groupId><artifactId>parent</artifactId><version>1.0</version><relativePath/></parent>')
jar('child')
pom('dual', 'jar', "<licenses>${license('The Apache Software License, Version 2.0', 'https://www.apache.org/licenses/LICENSE-2.0.txt')}${license('MIT', 'https://opensource.org/licenses/MIT')}</licenses>")
jar('dual')
pom('custom', 'jar', "<licenses>${license('Example Corp Source Licence', 'https://example.com/licence')}</licenses>")
jar('custom')
jar('no-pom')
true
