package io.github.scratchpack.output;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.github.scratchpack.elf.StaticExecutableCheck;
import io.github.scratchpack.image.CaCertificates;
import io.github.scratchpack.image.Image;
import io.github.scratchpack.image.ImageReference;
import io.github.scratchpack.image.ImageSpec;
import io.github.scratchpack.image.Sha256;
import io.github.scratchpack.testing.ExternalTool;
import io.github.scratchpack.testing.OciSchemas;
import io.github.scratchpack.testing.StaticBinaries;
import io.github.scratchpack.testing.UnfinishedWriteMain;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermission;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.zip.GZIPInputStream;
import org.apache.commons.compress.archivers.tar.TarArchiveEntry;
import org.apache.commons.compress.archivers.tar.TarArchiveInputStream;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ImageTarballTest {
    private static final ObjectMapper JSON = new ObjectMapper();

    @TempDir
    Path dir;
    private Path binary;

    @BeforeEach
    void compileServer() throws Exception {
        binary = StaticBinaries.staticServer(dir, "server");
    }

    private ImageSpec spec(Path pem) throws Exception {
        Path config = Files.writeString(dir.resolve("app.toml"), "port = 8080\n");
        return ImageSpec.builder(binary, StaticExecutableCheck.check(binary), ImageReference.parse("demo/server:1.0"))
                .tag("latest").port("8080").environment("MODE", "prod").label("team", "core")
                .file(config, "/etc/app/app.toml", "600")
                .certificates(CaCertificates.fromPemFile(pem))
                .annotation("org.opencontainers.image.title", "server")
                .creationTime(Instant.parse("2026-01-01T00:00:00Z")).threads(2).build();
    }

    private Path pem() throws IOException {
        String all = new String(CaCertificates.fromJavaRuntime(Path.of(System.getProperty("java.home"))), StandardCharsets.US_ASCII);
        return Files.writeString(dir.resolve("ca.pem"), all.substring(0, all.indexOf("-----END CERTIFICATE-----\n") + 26));
    }

    private Image build(Path output) throws Exception {
        return new TarballBuild(dir.resolve("work")).run(spec(pem()), output, output.resolveSibling("image.json")).image();
    }

    static Map<String, byte[]> read(Path tarball) throws IOException {
        Map<String, byte[]> files = new LinkedHashMap<>();
        try (TarArchiveInputStream in = new TarArchiveInputStream(Files.newInputStream(tarball))) {
            for (TarArchiveEntry entry = in.getNextEntry(); entry != null; entry = in.getNextEntry()) {
                if (entry.isFile()) {
                    files.put(entry.getName(), in.readAllBytes());
                }
            }
        }
        return files;
    }

    @Test
    void everyDocumentValidatesAgainstTheOciSchemas() throws Exception {
        Path tarball = dir.resolve("out/image.tar");
        Image image = build(tarball);
        Map<String, byte[]> files = read(tarball);
        assertValid(OciSchemas.violations(OciSchemas.Kind.LAYOUT, files.get("oci-layout")));
        assertValid(OciSchemas.violations(OciSchemas.Kind.INDEX, files.get("index.json")));
        assertValid(OciSchemas.violations(OciSchemas.Kind.MANIFEST, image.manifestBytes()));
        assertValid(OciSchemas.violations(OciSchemas.Kind.CONFIG, image.configBytes()));
    }

    @Test
    void schemaValidationCatchesABrokenManifest() throws Exception {
        Image image = build(dir.resolve("out/image.tar"));
        byte[] broken = new String(image.manifestBytes(), StandardCharsets.UTF_8)
                .replace("\"schemaVersion\":2", "\"schemaVersion\":3").replaceFirst("sha256:[0-9a-f]{64}", "sha256:XYZ")
                .getBytes(StandardCharsets.UTF_8);
        assertFalse(OciSchemas.violations(OciSchemas.Kind.MANIFEST, broken).isEmpty());
    }

    @Test
    void tarballIsAnOciLayoutAndADockerArchiveSharingBlobs() throws Exception {
        Path tarball = dir.resolve("out/image.tar");
        Image image = build(tarball);
        Map<String, byte[]> files = read(tarball);
        for (Map.Entry<String, byte[]> file : files.entrySet()) {
            if (file.getKey().startsWith("blobs/sha256/")) {
                assertEquals("sha256:" + file.getKey().substring(13), Sha256.of(file.getValue()), file.getKey());
            }
        }
        JsonNode index = JSON.readTree(files.get("index.json"));
        assertEquals(2, index.get("manifests").size());
        JsonNode first = index.get("manifests").get(0);
        assertEquals(image.digest(), first.get("digest").asText());
        assertEquals("1.0", first.get("annotations").get("org.opencontainers.image.ref.name").asText());
        assertEquals("docker.io/demo/server:1.0", first.get("annotations").get("io.containerd.image.name").asText());
        assertEquals("latest", index.get("manifests").get(1).get("annotations").get("org.opencontainers.image.ref.name").asText());

        JsonNode docker = JSON.readTree(files.get("manifest.json")).get(0);
        assertEquals("blobs/sha256/" + Sha256.hex(image.imageId()), docker.get("Config").asText());
        assertEquals(List.of("demo/server:1.0", "demo/server:latest"), List.of(docker.get("RepoTags").get(0).asText(),
                docker.get("RepoTags").get(1).asText()));
        assertEquals(image.layers().size(), docker.get("Layers").size());
        for (JsonNode layer : docker.get("Layers")) {
            assertTrue(files.containsKey(layer.asText()), layer.asText());
        }
    }

    @Test
    void layersHoldTheExpectedFilesOwnersAndModes() throws Exception {
        Path tarball = dir.resolve("out/image.tar");
        Image image = build(tarball);
        Map<String, byte[]> files = read(tarball);
        assertEquals(4, image.layers().size());
        Map<String, TarArchiveEntry> entries = new LinkedHashMap<>();
        for (var layer : image.layers()) {
            byte[] blob = files.get("blobs/sha256/" + Sha256.hex(layer.descriptor().digest()));
            try (InputStream gunzip = new GZIPInputStream(new java.io.ByteArrayInputStream(blob));
                 TarArchiveInputStream tar = new TarArchiveInputStream(gunzip)) {
                for (TarArchiveEntry entry = tar.getNextEntry(); entry != null; entry = tar.getNextEntry()) {
                    entries.put(entry.getName(), entry);
                }
            }
            try (InputStream gunzip = new GZIPInputStream(new java.io.ByteArrayInputStream(blob))) {
                assertEquals(layer.diffId(), Sha256.of(gunzip.readAllBytes()));
            }
        }
        assertEquals(0755, entries.get("app/server").getMode() & 07777);
        assertEquals(0, entries.get("app/server").getLongUserId());
        assertEquals(0600, entries.get("etc/app/app.toml").getMode() & 07777);
        assertEquals(65532, entries.get("home/nonroot/").getLongUserId());
        assertEquals(0700, entries.get("home/nonroot/").getMode() & 07777);
        assertEquals(01777, entries.get("tmp/").getMode() & 07777);
        assertTrue(entries.containsKey("etc/ssl/certs/ca-certificates.crt"));
        assertTrue(entries.containsKey("etc/nsswitch.conf"));
    }

    @Test
    void sameInputsGiveTheSameTarballAndDigests() throws Exception {
        Image one = build(dir.resolve("a/image.tar"));
        Image two = build(dir.resolve("b/image.tar"));
        assertEquals(one.digest(), two.digest());
        assertArrayEquals(Files.readAllBytes(dir.resolve("a/image.tar")), Files.readAllBytes(dir.resolve("b/image.tar")));
    }

    @Test
    void reportHasDigestsAndSizes() throws Exception {
        Path tarball = dir.resolve("out/image.tar");
        Image image = build(tarball);
        JsonNode report = JSON.readTree(dir.resolve("out/image.json").toFile());
        assertEquals("demo/server:1.0", report.get("image").asText());
        assertEquals(image.digest(), report.get("digest").asText());
        assertEquals(image.imageId(), report.get("imageId").asText());
        assertEquals(image.layers().get(3).uncompressedSize(), report.get("layers").get(3).get("uncompressedSize").asLong());
        assertFalse(report.get("pushed").asBoolean());
    }

    @Test
    void failedWriteKeepsThePreviousTarballAndLeavesNoTemporaryFile() throws Exception {
        Path tarball = dir.resolve("out/image.tar");
        build(tarball);
        byte[] before = Files.readAllBytes(tarball);
        IOException failure = assertThrows(IOException.class, () -> AtomicFile.write(tarball, out -> {
            out.write(new byte[100_000]);
            throw new IOException("simulated failure half-way");
        }));
        assertEquals("simulated failure half-way", failure.getMessage());
        assertArrayEquals(before, Files.readAllBytes(tarball));
        try (var listing = Files.list(tarball.getParent())) {
            assertEquals(List.of("image.json", "image.tar"), listing.map(p -> p.getFileName().toString()).sorted().toList());
        }
    }

    @Test
    void leftoverTemporaryFilesAreRemovedOnTheNextWrite() throws Exception {
        Path tarball = dir.resolve("out/image.tar");
        Files.createDirectories(tarball.getParent());
        Path leftover = Files.write(tarball.resolveSibling(".image.tar.12345.tmp"), new byte[10]);
        build(tarball);
        assertFalse(Files.exists(leftover));
    }

    @Test
    void outputsAreReadableByEveryone() throws Exception {
        Path tarball = dir.resolve("out/image.tar");
        build(tarball);
        Set<PosixFilePermission> readable = PosixFilePermissions.fromString("rw-r--r--");
        assertEquals(readable, Files.getPosixFilePermissions(tarball));
        assertEquals(readable, Files.getPosixFilePermissions(dir.resolve("out/image.json")));
    }

    @Test
    void refusesToReplaceADirectoryOrAFifo() throws Exception {
        Path directory = Files.createDirectories(dir.resolve("out/image.tar"));
        IOException failure = assertThrows(IOException.class, () -> AtomicFile.write(directory, out -> out.write(1)));
        assertTrue(failure.getMessage().contains("exists and is not a regular file (it is a directory)"), failure.getMessage());
        assertTrue(Files.isDirectory(directory));

        Path fifo = dir.resolve("out/fifo.tar");
        ExternalTool.check(List.of(ExternalTool.require("mkfifo").toString(), fifo.toString()));
        failure = assertThrows(IOException.class, () -> AtomicFile.write(fifo, out -> out.write(1)));
        assertTrue(failure.getMessage().contains("exists and is not a regular file (it is a device, a FIFO or a socket)"),
                failure.getMessage());
        assertTrue(Files.readAttributes(fifo, java.nio.file.attribute.BasicFileAttributes.class, java.nio.file.LinkOption.NOFOLLOW_LINKS).isOther());
        try (var listing = Files.list(dir.resolve("out"))) {
            assertEquals(List.of("fifo.tar", "image.tar"), listing.map(p -> p.getFileName().toString()).sorted().toList());
        }
    }

    @Test
    void aConcurrentWriteInThisJvmKeepsItsTemporaryFile() throws Exception {
        Path target = dir.resolve("out/image.tar");
        CountDownLatch writing = new CountDownLatch(1);
        CountDownLatch release = new CountDownLatch(1);
        ExecutorService executor = Executors.newSingleThreadExecutor();
        try {
            Future<?> first = executor.submit(() -> {
                AtomicFile.write(target, out -> {
                    out.write("first".getBytes(StandardCharsets.US_ASCII));
                    writing.countDown();
                    await(release);
                });
                return null;
            });
            assertTrue(writing.await(30, TimeUnit.SECONDS));
            AtomicFile.write(target, out -> out.write("second".getBytes(StandardCharsets.US_ASCII)));
            assertEquals(1, temporaries(target.getParent()).size(), "the first write's temporary file is still there");
            release.countDown();
            first.get(30, TimeUnit.SECONDS);
        } finally {
            release.countDown();
            executor.shutdownNow();
        }
        assertEquals("first", Files.readString(target), "the write that finished last is the one at the path");
        assertEquals(List.of(), temporaries(target.getParent()));
    }

    @Test
    void aConcurrentBuildsTemporaryFileIsKeptUntilItsProcessIsGone() throws Exception {
        Path target = Files.createDirectories(dir.resolve("out")).resolve("image.tar");
        Path java = Path.of(System.getProperty("java.home"), "bin", "java");
        Process child = new ProcessBuilder(java.toString(), "-cp", System.getProperty("java.class.path"),
                UnfinishedWriteMain.class.getName(), target.toString()).redirectErrorStream(true)
                .redirectOutput(dir.resolve("child.log").toFile()).start();
        try {
            long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(60);
            while (temporaries(target.getParent()).stream().noneMatch(file -> file.toFile().length() >= 1 << 20)) {
                assertTrue(child.isAlive() && System.nanoTime() < deadline, "the child did not start writing: "
                        + (Files.exists(dir.resolve("child.log")) ? Files.readString(dir.resolve("child.log")) : ""));
                Thread.sleep(10);
            }
            List<Path> inFlight = temporaries(target.getParent());
            AtomicFile.write(target, out -> out.write(1));
            assertEquals(inFlight, temporaries(target.getParent()), "the running build's temporary file was kept");
        } finally {
            child.destroyForcibly().waitFor();
        }
        assertEquals(1, temporaries(target.getParent()).size(), "the killed build left its temporary file");
        AtomicFile.write(target, out -> out.write(2));
        assertEquals(List.of(), temporaries(target.getParent()), "once its writer is gone, the next write removes it");
    }

    private static List<Path> temporaries(Path directory) throws IOException {
        try (var listing = Files.list(directory)) {
            return listing.filter(file -> file.getFileName().toString().endsWith(".tmp")).sorted().toList();
        }
    }

    private static void await(CountDownLatch latch) throws IOException {
        try {
            if (!latch.await(60, TimeUnit.SECONDS)) {
                throw new IOException("not released");
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IOException(e);
        }
    }

    private static void assertValid(java.util.Set<?> violations) {
        assertTrue(violations.isEmpty(), violations.toString());
    }
}
