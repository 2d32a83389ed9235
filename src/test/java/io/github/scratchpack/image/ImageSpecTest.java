package io.github.scratchpack.image;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.github.scratchpack.elf.ElfInfo;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.api.function.Executable;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class ImageSpecTest {
    private static final ElfInfo AMD64 = new ElfInfo(62, true, true, 2, Optional.empty(), List.of());

    @TempDir
    Path dir;

    private ImageSpec.Builder builder() {
        return ImageSpec.builder(dir.resolve("server"), AMD64, ImageReference.parse("app:1.0"));
    }

    private static void refused(String expected, Executable action) {
        String message = assertThrows(IllegalArgumentException.class, action).getMessage();
        assertTrue(message.contains(expected), message);
    }

    @Test
    void defaults() {
        ImageSpec spec = builder().build();
        assertEquals("65532:65532", spec.user());
        assertEquals("/app", spec.workingDirectory());
        assertEquals(List.of("/app/server"), spec.entrypoint());
        assertEquals("amd64", spec.architecture());
        assertEquals("/app", spec.environment().get("PATH"));
    }

    @Test
    void certificatesSetSslCertFile() {
        ImageSpec spec = builder().certificates(new byte[] {1}).build();
        assertEquals(CaCertificates.PATH, spec.environment().get("SSL_CERT_FILE"));
        assertEquals(null, builder().build().environment().get("SSL_CERT_FILE"));
    }

    @Test
    void tagsFollowTheReferenceWithoutRepeats() {
        ImageSpec spec = builder().tag("latest").tag("1.0").tag(" latest ").build();
        assertEquals(List.of("app:1.0", "app:latest"), spec.references().stream().map(Object::toString).toList());
    }

    @ParameterizedTest
    @CsvSource({"8080,8080/tcp", "53/udp,53/udp", "9000/TCP,9000/tcp", "65535,65535/tcp", "1/sctp,1/sctp"})
    void parsesPorts(String input, String expected) {
        assertEquals(List.of(expected), List.copyOf(builder().port(input).build().ports()));
    }

    @Test
    void refusesBadPorts() {
        refused("out of range", () -> builder().port("0"));
        refused("out of range", () -> builder().port("65536"));
        refused("is not a number", () -> builder().port("http"));
        refused("protocol", () -> builder().port("80/quic"));
    }

    @Test
    void refusesBadEnvironmentAndLabels() {
        refused("environment variable name", () -> builder().environment("", "x"));
        refused("environment variable name", () -> builder().environment("A=B", "x"));
        refused("empty key", () -> builder().label(" ", "x"));
    }

    @Test
    void resolvesUsers() {
        assertEquals("0:0", builder().user("root").build().user());
        assertEquals("65534:65534", builder().user("nobody").build().user());
        assertEquals("1000", builder().user("1000").build().user());
        assertEquals("1000:2000", builder().user("1000:2000").build().user());
        refused("is not in the image's /etc/passwd", () -> builder().user("www-data"));
    }

    @Test
    void resolvesUserWithGroup() {
        assertEquals("65532:65532", builder().user("nonroot:nonroot").build().user());
        assertEquals("65532:65532", builder().user("nonroot:65532").build().user());
        assertEquals("65532:0", builder().user("nonroot:root").build().user());
        assertEquals("1000:65534", builder().user("1000:nobody").build().user());
        refused("The group 'abc' of the user '65532:abc' is not in the image's /etc/group, which has only root, nobody"
                + " and nonroot. Set user (scratchpack.user)", () -> builder().user("65532:abc"));
        refused("The user 'daemon' is not in the image's /etc/passwd, which has only root, nobody and nonroot. Set user"
                + " (scratchpack.user)", () -> builder().user("daemon:root"));
        refused("The group '' of the user '1000:'", () -> builder().user("1000:"));
        refused("has an id above 4294967294", () -> builder().user("4294967295"));
    }

    @Test
    void refusesEmptyEntrypointElements() {
        refused("Element 1 of <entrypoint> is empty", () -> builder().entrypoint(Arrays.asList((String) null)));
        refused("Element 2 of <entrypoint> is empty", () -> builder().entrypoint(List.of("/app/server", "  ")));
        assertEquals(List.of("/app/server", "-v"), builder().entrypoint(List.of("/app/server", "-v")).build().entrypoint());
    }

    @Test
    void emptyArgumentElementIsAnEmptyArgument() {
        assertEquals(List.of("--name", ""), builder().args(Arrays.asList("--name", null)).build().args());
    }

    @Test
    void emptyPortSaysSo() {
        refused("There is an empty <port> in <ports>", () -> builder().port(null));
        refused("There is an empty <port> in <ports>", () -> builder().port(" "));
    }

    @Test
    void refusesFileTargetsThatBreakTheImage() throws Exception {
        Path config = Files.writeString(dir.resolve("app.toml"), "x\n");
        for (String directory : List.of("/etc", "/tmp", "/home", "/home/nonroot", "/app", "/etc/ssl", "/etc/ssl/certs")) {
            refused("would replace the directory " + directory + ", which every image has", () -> builder().file(config, directory, "644"));
        }
        refused("is the root directory", () -> builder().file(config, "/", "644"));
        refused("is inside /app/server, a file that scratchpack writes", () -> builder().file(config, "/app/server/x", "644"));
        refused("is inside /etc/ssl/certs/ca-certificates.crt, a file", () -> builder().file(config, CaCertificates.PATH + "/x", "644"));
        refused("is inside /tmp, which the image gives to the runtime user", () -> builder().file(config, "/tmp/x", "644"));
        refused("is inside /home/nonroot, which the image gives", () -> builder().file(config, "/home/nonroot/x", "644"));
        refused("The file targets /etc/a and /etc/a/b collide", () -> builder().file(config, "/etc/a", "644").file(config, "/etc/a/b", "644"));
        refused("The file targets /etc/a and /etc/a/b collide", () -> builder().file(config, "/etc/a/b", "644").file(config, "/etc/a", "644"));
        refused("file names are at most 255 bytes", () -> builder().file(config, "/etc/" + "x".repeat(256), "644"));
        List<String> allowed = List.of("/etc/app/app.toml", "/srv/x", "/app/config/x", "/app/server.toml",
                "/etc/ssl/certs/extra.pem", "/home/other/x", "/etc/" + "x".repeat(255));
        ImageSpec.Builder builder = builder();
        for (String target : allowed) {
            builder.file(config, target, "644");
        }
        assertEquals(allowed, builder.build().userFiles().stream().map(LayerFile::path).toList());
    }

    @Test
    void refusesModesThatLetGroupOrOthersWrite() throws Exception {
        Path config = Files.writeString(dir.resolve("app.toml"), "x\n");
        for (String mode : List.of("777", "666", "664", "646", "0622")) {
            refused("lets group or others write the file", () -> builder().file(config, "/etc/x", mode));
        }
        for (String mode : List.of("755", "644", "640", "600", "0444")) {
            builder().file(config, "/etc/x", mode);
        }
    }

    @Test
    void refusesBadFiles() throws Exception {
        Path config = Files.writeString(dir.resolve("app.toml"), "x\n");
        refused("does not exist", () -> builder().file(dir.resolve("missing"), "/etc/x", "644"));
        refused("is not a regular file", () -> builder().file(dir, "/etc/x", "644"));
        refused("is not an absolute path", () -> builder().file(config, "etc/x", "644"));
        refused("'..'", () -> builder().file(config, "/etc/../x", "644"));
        refused("would replace", () -> builder().file(config, "/app/server", "644"));
        refused("would replace", () -> builder().file(config, "/etc/passwd", "644"));
        refused("would replace", () -> builder().file(config, CaCertificates.PATH, "644"));
        refused("not an octal permission", () -> builder().file(config, "/etc/x", "rw-r--r--"));
        refused("not an octal permission", () -> builder().file(config, "/etc/x", "4755"));
        refused("Two <file> entries", () -> builder().file(config, "/etc/x", "644").file(config, "/etc/x", "600"));
    }

    @Test
    void followsSymbolicLinkSources() throws Exception {
        Path config = Files.writeString(dir.resolve("real.toml"), "x\n");
        Path link = Files.createSymbolicLink(dir.resolve("link.toml"), config);
        LayerFile file = builder().file(link, "/etc/app/", "600").build().userFiles().get(0);
        assertEquals("/etc/app/link.toml", file.path());
        assertEquals(0600, file.mode());
    }

    @Test
    void refusesBadGzipLevelAndRelativeWorkingDirectory() {
        refused("out of range", () -> builder().compression(Compression.GZIP, 10));
        refused("not an absolute path", () -> builder().workingDirectory("app"));
        refused("has a '.' or '..' part", () -> builder().workingDirectory("/app/../.."));
        refused("has a '.' or '..' part", () -> builder().workingDirectory("/app/./x"));
        assertEquals("/app/data", builder().workingDirectory("/app/data").build().workingDirectory());
        refused("is not known", () -> Compression.parse("brotli"));
    }

    @Test
    void unknownCompressionCarriesNoEnumWording() {
        IllegalArgumentException failure = assertThrows(IllegalArgumentException.class, () -> Compression.parse("lz4"));
        assertEquals("The compression 'lz4' is not known. Use gzip, zstd or none.", failure.getMessage());
        assertNull(failure.getCause(), "the cause would bring 'No enum constant ...' into -X logs");
        assertThrows(IllegalArgumentException.class, () -> Compression.parse(null));
        assertEquals(Compression.ZSTD, Compression.parse(" Zstd "));
    }
}
