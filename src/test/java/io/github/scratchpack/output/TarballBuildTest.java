package io.github.scratchpack.output;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.github.scratchpack.elf.StaticExecutableCheck;
import io.github.scratchpack.image.CaCertificates;
import io.github.scratchpack.image.Compression;
import io.github.scratchpack.image.Image;
import io.github.scratchpack.image.ImageReference;
import io.github.scratchpack.image.ImageSpec;
import io.github.scratchpack.image.Layer;
import io.github.scratchpack.testing.StaticBinaries;
import java.io.ByteArrayOutputStream;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.BasicFileAttributes;
import java.nio.file.attribute.FileTime;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class TarballBuildTest {
    @TempDir
    Path dir;
    private Path binary;
    private Path tarball;
    private Path report;

    @BeforeEach
    void compile() throws Exception {
        binary = StaticBinaries.staticServer(dir, "server");
        tarball = dir.resolve("out/image.tar");
        report = dir.resolve("out/image.json");
    }

    private TarballBuild.Result build(Compression compression) throws Exception {
        return build(compression, null);
    }

    private TarballBuild.Result build(Compression compression, byte[] certificates) throws Exception {
        ImageSpec spec = ImageSpec.builder(binary, StaticExecutableCheck.check(binary), ImageReference.parse("c/s:1"))
                .compression(compression, 0).certificates(certificates).build();
        return new TarballBuild(dir.resolve("work")).run(spec, tarball, report);
    }

    /** Bytes of the image (every blob) beyond the executable compressed on its own with the same compressor. */
    private long imageOverhead(Image image) throws Exception {
        ByteArrayOutputStream alone = new ByteArrayOutputStream();
        try (OutputStream gzip = Compression.GZIP.compress(alone, 6, 2)) {
            Files.copy(binary, gzip);
        }
        long blobs = image.config().size() + image.manifest().size();
        for (Layer layer : image.layers()) {
            blobs += layer.descriptor().size();
        }
        return blobs - alone.size();
    }

    @Test
    void imageAddsAtMost8KbWithoutCertificatesAnd250KbWith() throws Exception {
        long bare = imageOverhead(build(Compression.GZIP).image());
        assertTrue(bare <= 8 * 1024, bare + " bytes");
        byte[] jdkCertificates = CaCertificates.fromJavaRuntime(Path.of(System.getProperty("java.home")));
        long withCertificates = imageOverhead(build(Compression.GZIP, jdkCertificates).image());
        assertTrue(withCertificates <= 250 * 1024, withCertificates + " bytes");
    }

    private long blobCount() throws Exception {
        try (Stream<Path> blobs = Files.list(dir.resolve("work/blobs/sha256"))) {
            return blobs.count();
        }
    }

    @Test
    void unchangedRebuildReusesEveryLayerAndLeavesOutputsUntouched() throws Exception {
        TarballBuild.Result first = build(Compression.GZIP);
        assertFalse(first.unchanged());
        assertTrue(first.image().layers().stream().noneMatch(Layer::fromCache));
        Object tarballInode = Files.readAttributes(tarball, BasicFileAttributes.class).fileKey();
        Object reportInode = Files.readAttributes(report, BasicFileAttributes.class).fileKey();
        FileTime written = Files.getLastModifiedTime(tarball);

        TarballBuild.Result second = build(Compression.GZIP);
        assertTrue(second.unchanged());
        assertTrue(second.image().layers().stream().allMatch(Layer::fromCache));
        assertEquals(first.image().digest(), second.image().digest());
        assertEquals(written, Files.getLastModifiedTime(tarball));
        assertEquals(tarballInode, Files.readAttributes(tarball, BasicFileAttributes.class).fileKey(), "tarball replaced");
        assertEquals(reportInode, Files.readAttributes(report, BasicFileAttributes.class).fileKey(), "report replaced");
    }

    @Test
    void changedExecutableRebuildsOnlyItsLayer() throws Exception {
        TarballBuild.Result first = build(Compression.GZIP);
        Files.write(binary, new byte[] {0}, java.nio.file.StandardOpenOption.APPEND);
        TarballBuild.Result second = build(Compression.GZIP);
        assertFalse(second.unchanged());
        List<Layer> layers = second.image().layers();
        assertTrue(layers.get(0).fromCache());
        assertFalse(layers.get(layers.size() - 1).fromCache());
        assertNotEquals(first.image().digest(), second.image().digest());
        assertEquals(layers.size(), blobCount(), "old blobs are pruned from the cache");
    }

    @Test
    void touchingTheExecutableWithoutChangingItStillHitsTheCache() throws Exception {
        build(Compression.GZIP);
        Files.setLastModifiedTime(binary, FileTime.fromMillis(0));
        TarballBuild.Result second = build(Compression.GZIP);
        assertTrue(second.image().layers().stream().allMatch(Layer::fromCache));
    }

    @Test
    void deletedOrEditedTarballIsWrittenAgain() throws Exception {
        build(Compression.GZIP);
        Files.delete(tarball);
        assertFalse(build(Compression.GZIP).unchanged());
        assertTrue(Files.isRegularFile(tarball));
        Files.write(tarball, new byte[] {1, 2, 3});
        assertFalse(build(Compression.GZIP).unchanged());
        assertTrue(Files.size(tarball) > 1000);
    }

    @Test
    void changingCompressionMissesTheCache() throws Exception {
        TarballBuild.Result gzip = build(Compression.GZIP);
        TarballBuild.Result zstd = build(Compression.ZSTD);
        assertTrue(zstd.image().layers().stream().noneMatch(Layer::fromCache));
        assertEquals(Compression.ZSTD.mediaType(), zstd.image().layers().get(0).descriptor().mediaType());
        assertNotEquals(gzip.image().digest(), zstd.image().digest());
    }

    @Test
    void aDirectoryWhereImageJsonGoesFailsBeforeTheTarballIsWritten() throws Exception {
        Files.createDirectories(report);
        java.io.IOException failure = org.junit.jupiter.api.Assertions.assertThrows(java.io.IOException.class,
                () -> build(Compression.GZIP));
        assertTrue(failure.getMessage().contains("is not a regular file"), failure.getMessage());
        assertFalse(Files.exists(tarball), "the tarball was written although the report could not be");
    }
}
