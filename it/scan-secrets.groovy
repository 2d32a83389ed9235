// Used by it/registry-checks.groovy (assertNoSecrets), which loads it with
//     def scanSecrets = evaluate(new File(itSourceDirectory, 'scan-secrets.groovy'))
// (basedir is the clone under target/it*/, so the path leads back to this file in the source tree) and calls
//     scanSecrets(basedir, 'user', ['password', ...], [label: 'other secret', ...])
// It searches the bytes of build.log and of every regular file under target/, and the bytes inside every gzip stream
// in them (the compressed layers in image.tar and the blob cache), for each password, base64(password),
// base64(user:password) (what an Authorization: Basic header or a Docker config.json "auth" holds) and each extra
// secret. On a hit it fails, naming the file and which secret matched, never the secret itself. Returns the files
// searched, relative to basedir.
import java.nio.charset.StandardCharsets
import java.nio.file.Files
import java.nio.file.LinkOption
import java.util.zip.GZIPInputStream

// ISO-8859-1 maps each byte to one char, so String.indexOf searches bytes and any file content is safe to search.
String asLatin1(byte[] bytes) {
    new String(bytes, StandardCharsets.ISO_8859_1)
}

String base64(String text) {
    // Without the padding, so the value is also found where something cut or re-padded it.
    Base64.encoder.encodeToString(text.getBytes(StandardCharsets.UTF_8)).replaceAll('=+$', '')
}

// Every decompressed gzip stream found in the bytes, by its magic number (1f 8b 08); one that does not inflate is
// not gzip after all.
List<byte[]> gzipStreams(byte[] bytes) {
    def streams = []
    for (int i = 0; i + 2 < bytes.length; i++) {
        if (bytes[i] == (byte) 0x1f && bytes[i + 1] == (byte) 0x8b && bytes[i + 2] == (byte) 0x08) {
            try {
                def input = new GZIPInputStream(new ByteArrayInputStream(bytes, i, bytes.length - i))
                streams << input.readNBytes(256 * 1024 * 1024)
            } catch (IOException ignored) {
                // not a gzip stream: a coincidence of bytes
            }
        }
    }
    streams
}

// The labels of the secrets in the bytes or in any gzip stream inside them.
Set<String> secretsIn(byte[] bytes, Map<String, String> secrets) {
    def texts = [asLatin1(bytes)] + gzipStreams(bytes).collect { asLatin1(it) }
    secrets.findAll { label, secret -> texts.any { it.contains(secret) } }.keySet()
}

Map<String, String> secretsOf(String user, List<String> passwords, Map<String, String> extra) {
    Map<String, String> secrets = [:]
    passwords.eachWithIndex { password, i ->
        def name = passwords.size() == 1 ? 'password' : "password ${i + 1}"
        secrets["the ${name}".toString()] = password
        secrets["base64 of the ${name}".toString()] = base64(password)
        secrets["base64 of ${user}:${name} (a Basic Authorization value, a config.json auth)".toString()] =
                base64("${user}:${password}")
    }
    secrets + extra
}

// Proves on planted bytes that the search finds a secret plainly, as base64 and inside gzip, so that a clean scan
// means something.
void selfTest() {
    def planted = secretsOf('someone', ['S3cret-planted'], [:])
    def gzipped = new ByteArrayOutputStream()
    new java.util.zip.GZIPOutputStream(gzipped).withStream { it.write('x S3cret-planted y'.bytes) }
    def tarLike = new ByteArrayOutputStream()
    tarLike.write(new byte[7])
    tarLike.write(gzipped.toByteArray())
    tarLike.write(new byte[9])
    assert secretsIn(tarLike.toByteArray(), planted) == ['the password'] as Set: 'the secret scan misses a secret inside gzip'
    assert secretsIn("Basic ${base64('someone:S3cret-planted')}=".bytes, planted).size() == 1
    assert secretsIn('nothing here'.bytes, planted).isEmpty()
}

return { File basedir, String user, List<String> passwords, Map<String, String> extra = [:] ->
    selfTest()
    def secrets = secretsOf(user, passwords, extra)
    def log = new File(basedir, 'build.log')
    def target = new File(basedir, 'target')
    assert log.isFile(): "no build log at ${log}"
    assert target.isDirectory(): "no target directory at ${target}"
    assert asLatin1(log.bytes).contains('[DEBUG]'): 'the build did not run with -X, so its debug output went unchecked'
    def files = [log.toPath()]
    Files.walk(target.toPath()).withCloseable { paths ->
        paths.filter { Files.isRegularFile(it, LinkOption.NOFOLLOW_LINKS) }.sorted().forEach { files << it }
    }
    def hits = []
    files.each { file ->
        secretsIn(Files.readAllBytes(file), secrets).each { label ->
            hits << "${basedir.toPath().relativize(file)}: ${label}"
        }
    }
    if (!hits.isEmpty()) {
        // An AssertionError of its own, as a failed power assert would print the secrets it compared.
        throw new AssertionError("Secrets found in the build output (${files.size()} files searched):\n  "
                + hits.join('\n  '))
    }
    files.collect { basedir.toPath().relativize(it).toString() }
}
