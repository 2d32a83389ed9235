import io.github.scratchpack.image.Sha256
import io.github.scratchpack.nativeimage.MuslZlibToolchain
import io.github.scratchpack.nativeimage.StandInGraalVm
import java.nio.charset.StandardCharsets
import java.nio.file.Files
import java.nio.file.StandardCopyOption
import java.security.MessageDigest
import java.util.concurrent.TimeUnit

// Two CI runners share one native build through the Maven Build Cache Extension 1.2.0 and a remote cache: nginx
// serving WebDAV on loopback, behind a password that the runners take from their settings.xml <server>. Each runner
// is a fresh git clone with its own empty local repository (and so its own empty local build cache). Runner A builds
// and saves to the remote cache; runner B restores: native-image does not run, the executable comes back executable
// and byte for byte, the image with the same digest, and the smoke test passes on it. Then runner B misses the cache
// when a source line changed, when it has another GraalVM, and when it claims another platform.

def pom = new groovy.xml.XmlSlurper().parse(new File(basedir, 'pom.xml'))
def repositoryUrl = pom.properties.'it.repositoryUrl'.text()
def pluginVersion = pom.properties.'it.pluginVersion'.text()
def mavenHome = new File(pom.properties.'it.pluginBuildDirectory'.text(), 'maven-3.9').listFiles()
        .find { it.name.startsWith('apache-maven-3.9') }
assert mavenHome != null: 'Maven 3.9 is not unpacked under target/maven-3.9'

def work = new File(basedir, 'work')
work.deleteDir()
work.mkdirs()
def run = { List<String> command, File directory ->
    def process = new ProcessBuilder(command).directory(directory).redirectErrorStream(true).start()
    def output = process.inputStream.getText('UTF-8')
    assert process.waitFor() == 0: "${command.join(' ')}: ${output}"
    output
}

// The project, committed to a git repository that both runners clone
def origin = new File(work, 'origin')
def template = new File(basedir, 'app').toPath()
Files.walk(template).withCloseable { paths ->
    paths.each { source ->
        def target = origin.toPath().resolve(template.relativize(source).toString())
        if (Files.isDirectory(source)) {
            Files.createDirectories(target)
        } else {
            Files.copy(source, target, StandardCopyOption.REPLACE_EXISTING)
        }
    }
}
def appPom = new File(origin, 'pom.xml')
appPom.text = appPom.text.replace('%PLUGIN_VERSION%', pluginVersion)
        .replace('%MUSL_COMPILER%', MuslZlibToolchain.compiler().toString())
run(['git', 'init', '-q', '-b', 'main', '.'], origin)
run(['git', 'add', '-A'], origin)
run(['git', '-c', 'user.name=it', '-c', 'user.email=it@example.com', 'commit', '-q', '-m', 'app'], origin)

// Two stand-in GraalVMs: the one both runners have, and another version
def graalvm = StandInGraalVm.create(new File(work, 'graalvm').toPath())
def otherGraalvm = StandInGraalVm.create(new File(work, 'graalvm-other').toPath())
otherGraalvm.home().resolve('release').toFile().text = 'JAVA_VERSION="24.0.2"\nIMPLEMENTOR="GraalVM Community"\n'
otherGraalvm.configure('STANDIN_VERSION="native-image 24.0.2 2025-07-15"')

// The remote cache: nginx with WebDAV PUT, basic authentication, everything under work/nginx
def password = UUID.randomUUID().toString()
def nginxDirectory = new File(work, 'nginx')
def storage = new File(nginxDirectory, 'storage')
['storage', 'temp', 'logs'].each { new File(nginxDirectory, it).mkdirs() }
new File(nginxDirectory, 'htpasswd').text = 'ci:{SHA}' + MessageDigest.getInstance('SHA-1')
        .digest(password.getBytes(StandardCharsets.UTF_8)).encodeBase64().toString() + '\n'
def port = new ServerSocket(0, 1, InetAddress.getLoopbackAddress()).withCloseable { it.localPort }
def temp = new File(nginxDirectory, 'temp')
new File(nginxDirectory, 'nginx.conf').text = """
daemon off;
master_process off;
worker_processes 1;
pid ${nginxDirectory}/nginx.pid;
error_log ${nginxDirectory}/logs/error.log info;
events { worker_connections 64; }
http {
    access_log ${nginxDirectory}/logs/access.log;
    client_body_temp_path ${temp}/body;
    proxy_temp_path ${temp}/proxy;
    fastcgi_temp_path ${temp}/fastcgi;
    uwsgi_temp_path ${temp}/uwsgi;
    scgi_temp_path ${temp}/scgi;
    server {
        listen 127.0.0.1:${port};
        root ${storage};
        location / {
            auth_basic "build cache";
            auth_basic_user_file ${nginxDirectory}/htpasswd;
            dav_methods PUT DELETE MKCOL;
            create_full_put_path on;
            client_max_body_size 0;
        }
    }
}
"""
def nginx = new ProcessBuilder('nginx', '-p', nginxDirectory.path, '-e', "${nginxDirectory}/logs/error.log",
        '-c', "${nginxDirectory}/nginx.conf").redirectErrorStream(true)
        .redirectOutput(new File(nginxDirectory, 'logs/stdout.log')).start()
def cacheUrl = "http://127.0.0.1:${port}/cache"
def status = { String method, String path ->
    def connection = (HttpURLConnection) new URL("http://127.0.0.1:${port}/${path}").openConnection()
    connection.requestMethod = method
    if (method == 'PUT') {
        connection.doOutput = true
        connection.outputStream.withCloseable { it.write('x'.bytes) }
    }
    connection.responseCode
}
try {
    def deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(20)
    while (true) {
        try {
            new Socket(InetAddress.getLoopbackAddress(), port).close()
            break
        } catch (IOException e) {
            assert nginx.alive && System.nanoTime() < deadline: new File(nginxDirectory, 'logs/error.log').text
            Thread.sleep(100)
        }
    }
    // Without the password, nginx refuses to store or hand out anything
    assert status('PUT', 'cache/probe') == 401
    assert !new File(storage, 'cache/probe').exists()

    def settings = new File(work, 'settings.xml')
    settings.text = """<settings>
  <mirrors>
    <mirror><id>local.central</id><mirrorOf>central</mirrorOf><url>${repositoryUrl}</url></mirror>
  </mirrors>
  <servers>
    <server><id>build-cache</id><username>ci</username><password>${password}</password></server>
  </servers>
  <profiles>
    <profile>
      <id>it-repo</id>
      <activation><activeByDefault>true</activeByDefault></activation>
      <repositories>
        <repository>
          <!-- installed by the invoker, without checksum files -->
          <id>plugin-under-test</id><url>file://${localRepositoryPath}</url>
          <releases><checksumPolicy>ignore</checksumPolicy></releases>
          <snapshots><checksumPolicy>ignore</checksumPolicy></snapshots>
        </repository>
        <repository>
          <id>local.central</id><url>${repositoryUrl}</url>
          <releases><checksumPolicy>ignore</checksumPolicy></releases>
          <snapshots><checksumPolicy>ignore</checksumPolicy></snapshots>
        </repository>
      </repositories>
      <pluginRepositories>
        <pluginRepository>
          <id>plugin-under-test</id><url>file://${localRepositoryPath}</url>
          <releases><checksumPolicy>ignore</checksumPolicy></releases>
          <snapshots><checksumPolicy>ignore</checksumPolicy></snapshots>
        </pluginRepository>
        <pluginRepository>
          <id>local.central</id><url>${repositoryUrl}</url>
          <releases><checksumPolicy>ignore</checksumPolicy></releases>
          <snapshots><checksumPolicy>ignore</checksumPolicy></snapshots>
        </pluginRepository>
      </pluginRepositories>
    </profile>
  </profiles>
</settings>
"""
    // One runner: a fresh clone and an empty local repository, beside which the extension keeps its local cache
    def runner = { String name ->
        def directory = new File(work, name)
        run(['git', 'clone', '-q', origin.path, 'clone'], directory.with { mkdirs(); it })
        [clone: new File(directory, 'clone'), repository: new File(directory, 'repository')]
    }
    def mvn = { Map runnerDirectories, String name, File graalvmHome, List<String> arguments ->
        def log = new File(work, "${name}.log")
        def command = [new File(mavenHome, 'bin/mvn').path, '-B', '-s', settings.path,
                       "-Dmaven.repo.local=${runnerDirectories.repository}".toString(),
                       "-Dmaven.build.cache.remote.url=${cacheUrl}".toString()] + arguments
        def builder = new ProcessBuilder(command).directory(runnerDirectories.clone).redirectErrorStream(true)
                .redirectOutput(log)
        ['MAVEN_OPTS', 'MAVEN_ARGS', 'JAVA_TOOL_OPTIONS'].each { builder.environment().remove(it) }
        builder.environment().put('GRAALVM_HOME', graalvmHome.path)
        builder.environment().put('CONTAINERS_CONF', new File(basedir, 'containers.conf').path)
        long started = System.nanoTime()
        def process = builder.start()
        if (!process.waitFor(10, TimeUnit.MINUTES)) {
            process.destroyForcibly()
            assert false: "${name} did not finish in 10 minutes: ${log.text}"
        }
        println "[build-cache-remote] ${name}: exit ${process.exitValue()} in ${(System.nanoTime() - started).intdiv(1_000_000)} ms"
        [exit: process.exitValue(), log: log.text]
    }
    def executable = { File clone -> new File(clone, 'target/cached-app') }
    def tarball = { File clone -> new File(clone, 'target/scratchpack/image.tar') }
    def report = { File clone -> new File(clone, 'target/scratchpack/image.json') }
    def digest = { File file -> Sha256.hex(Sha256.ofFile(file.toPath())) }

    // Runner A builds and saves to the remote cache
    def a = runner('runner-a')
    def runA = mvn(a, 'runner-a', graalvm.home().toFile(), ['-Dmaven.build.cache.remote.save.enabled=true', 'verify'])
    assert runA.exit == 0: runA.log
    assert graalvm.builds().size() == 1
    assert runA.log =~ /Built .*cached-app \(/
    assert runA.log.contains('Smoke test passed: it-cache/cached-app:1.0.0')
    def saved = []
    storage.eachFileRecurse { if (it.isFile()) saved << it }
    assert saved.find { it.name == 'buildinfo.xml' }: "nothing saved to the remote cache: ${saved}"
    // Saved are the executable, the tarball, image.json and the SBOM, each as the file A wrote
    [executable(a.clone), tarball(a.clone), report(a.clone), new File(a.clone, 'target/scratchpack/sbom.cdx.json')].each { output ->
        assert saved.find { it.bytes == output.bytes }: "${output} is not in the remote cache: ${saved}"
    }
    def buildinfo = new groovy.xml.XmlSlurper().parse(saved.find { it.name == 'buildinfo.xml' })
    def recorded = buildinfo.'**'.findAll { it.name() == 'property' }.collectEntries { [(it.@name.text()): it.text()] }
    assert recorded.platform == 'linux-amd64': recorded
    assert recorded.builder == 'GraalVM IMPLEMENTOR=GraalVM Community, JAVA_VERSION=25.0.1': recorded
    def accessLog = new File(nginxDirectory, 'logs/access.log').text
    assert accessLog =~ /ci \[[^\]]+\] "PUT \/cache\/\S+\/buildinfo\.xml HTTP\/1\.1" 20[14]/: accessLog

    // Runner B: another fresh clone and empty local repository; everything comes from the remote cache
    def b = runner('runner-b')
    def runB = mvn(b, 'runner-b', graalvm.home().toFile(), ['verify'])
    assert runB.exit == 0: runB.log
    assert runB.log.contains('Found cached build, restoring it.scratchpack:cached-app from cache'): runB.log
    assert runB.log.contains('Skipping plugin execution (cached): scratchpack:native-image')
    assert runB.log.contains('Skipping plugin execution (cached): scratchpack:image')
    assert graalvm.builds().size() == 1: 'native-image ran on runner B'
    assert !runB.log.contains('native-image version:')
    assert executable(b.clone).bytes == executable(a.clone).bytes
    assert Files.isExecutable(executable(b.clone).toPath())
    assert runB.log.findAll(/Executable target\/cached-app \(linux-amd64\) came from the build cache with the image: native-image did not run in this build; its executable bit, lost on the way, is set again/).size() == 1: runB.log
    assert digest(tarball(b.clone)) == digest(tarball(a.clone))
    assert report(b.clone).bytes == report(a.clone).bytes
    def reportB = new groovy.json.JsonSlurper().parse(report(b.clone))
    assert reportB.tarball == 'image.tar' && reportB.sbom.path == 'sbom.cdx.json'
    assert runB.log.contains('Smoke test passed: it-cache/cached-app:1.0.0')
    assert runB.log.contains('Build info downloaded from remote repo'): 'runner B did not restore from the remote cache'
    assert new File(nginxDirectory, 'logs/access.log').text.readLines().findAll { it =~ /ci \[.*"GET \/cache\/\S+ HTTP\/1\.1" 200/ }.size() >= 5

    // A changed source line misses the cache: native-image runs
    def source = new File(b.clone, 'src/main/java/it/scratchpack/cache/Main.java')
    source.text = source.text.replace('built once, restored everywhere', 'built again')
    def changed = mvn(b, 'runner-b-changed-source', graalvm.home().toFile(), ['package'])
    assert changed.exit == 0: changed.log
    assert !changed.log.contains('Skipping plugin execution (cached): scratchpack:native-image')
    assert graalvm.builds().size() == 2: 'native-image did not run for a changed source'
    run(['git', 'checkout', '--', '.'], b.clone)

    // Another GraalVM misses: the extension compares the builder that A recorded with B's
    def other = mvn(b, 'runner-b-other-graalvm', otherGraalvm.home().toFile(), ['package'])
    assert other.exit == 0: other.log
    assert other.log.contains('Found cached build, restoring it.scratchpack:cached-app from cache')
    assert other.log.contains('Plugin parameter mismatch found. Parameter: builder, expected: GraalVM IMPLEMENTOR=GraalVM Community, JAVA_VERSION=25.0.1, actual: GraalVM IMPLEMENTOR=GraalVM Community, JAVA_VERSION=24.0.2'): other.log
    assert !other.log.contains('Skipping plugin execution (cached): scratchpack:native-image')
    assert otherGraalvm.builds().size() == 1: 'the other GraalVM did not build'

    // Another platform misses too; native-image then builds for this machine, which is not what was claimed
    def arm = mvn(b, 'runner-b-arm64', graalvm.home().toFile(), ['-Dscratchpack.platform=linux-arm64', 'package'])
    assert arm.log.contains('Plugin parameter mismatch found. Parameter: platform, expected: linux-amd64, actual: linux-arm64'): arm.log
    assert !arm.log.contains('Skipping plugin execution (cached): scratchpack:native-image')
    assert arm.exit != 0
    assert arm.log.contains('platform is linux-arm64, but native-image made a linux-amd64 executable')
} finally {
    nginx.destroy()
    assert nginx.waitFor(20, TimeUnit.SECONDS): 'nginx did not stop'
}
try {
    new Socket(InetAddress.getLoopbackAddress(), port).close()
    assert false: "something still listens on 127.0.0.1:${port}"
} catch (ConnectException expected) {
}
// no smoke-test container and not the image are left in podman (checked against runner B's clone, whose target/ it ran in)
evaluate(new File(itSourceDirectory, 'leftover-checks.groovy')).nothingLeftBehind(new File(work, 'runner-b/clone'), binding,
        'it-cache/cached-app:1.0.0')
true
