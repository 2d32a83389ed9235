// What this build installed for the ITs is what "mvn -Prelease deploy" sends to Maven Central, less the .asc
// signatures. Central refuses a release without sources and Javadoc jars, or whose POM lacks name, description, url,
// a license, a developer or the SCM.
def versions = new File(localRepositoryPath, 'io/github/scratchpack/scratchpack-maven-plugin').listFiles().findAll { it.isDirectory() }
assert versions.size() == 1: "one installed version expected: ${versions}"
def directory = versions[0]
def base = "scratchpack-maven-plugin-${directory.name}"
def entries = { String classifier ->
    def jar = new File(directory, classifier ? "${base}-${classifier}.jar" : "${base}.jar")
    assert jar.isFile(): "no ${classifier ?: 'main'} jar: ${jar}"
    new java.util.zip.ZipFile(jar).withCloseable { zip -> zip.entries().collect { it.name } }
}
assert entries('sources').contains('io/github/scratchpack/maven/ImageMojo.java')
def javadoc = entries('javadoc')
assert javadoc.contains('index.html')
assert javadoc.contains('io/github/scratchpack/maven/ImageMojo.html')

def pom = new groovy.xml.XmlSlurper().parse(new File(directory, "${base}.pom"))
// The plugin jar carries its runtime dependencies, so that Maven does not read their POMs before every goal: the
// installed POM names none it would resolve, the jar has their classes, and each one's licence files
def resolved = pom.dependencies.dependency.findAll { !(it.scope.text() in ['provided', 'test']) }
assert resolved.isEmpty(): "the installed POM still names runtime dependencies: ${resolved*.artifactId*.text()}"
def plugin = entries(null)
assert plugin.contains('com/google/cloud/tools/jib/api/Jib.class')
assert plugin.contains('org/apache/commons/compress/archivers/tar/TarArchiveOutputStream.class')
assert !plugin.any { it.startsWith('org/slf4j/') }: 'slf4j-api is Maven core\'s to give, not the plugin jar\'s'
assert plugin.any { it ==~ 'META-INF/third-party/stax2-api-[^/]+/META-INF/LICENSE' }: 'stax2-api\'s BSD licence is missing'
assert plugin.any { it ==~ 'META-INF/third-party/checker-qual-[^/]+/META-INF/LICENSE.txt' }: 'checker-qual\'s MIT licence is missing'
assert !plugin.any { it ==~ 'META-INF/[^/]+\\.(SF|RSA|DSA|EC)' }: 'a dependency\'s jar signature would fail the merged jar'
['name', 'description', 'url'].each { assert !pom."${it}".text().isBlank(): "no <${it}>" }
assert !pom.licenses.license.name.text().isBlank() && pom.licenses.license.url.text().startsWith('https://')
assert !pom.developers.developer.name.text().isBlank()
['connection', 'developerConnection', 'url'].each { assert !pom.scm."${it}".text().isBlank(): "no <scm><${it}>" }
def release = pom.profiles.profile.find { it.id.text() == 'release' }
assert release.build.plugins.plugin.find { it.artifactId.text() == 'maven-gpg-plugin' }
        .executions.execution.goals.goal*.text().contains('sign'): 'the release profile does not sign'
return true
