package io.github.scratchpack.image;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;

import com.github.luben.zstd.util.ZstdVersion;
import java.io.IOException;
import java.nio.file.Path;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Pins the digests of a gzip and a zstd layer of fixed content (3 MiB, so several parallel gzip blocks), and the
 * deflate fingerprint of stock zlib, so that any change to the bytes a layer compresses to is noticed.
 */
class LayerDigestPinTest {
    /** {@link DeflateFingerprint} at level 5 of stock zlib: Debian 12's system zlib 1.2.13 and Temurin 25's bundled 1.3.2. */
    static final String STOCK_ZLIB_LEVEL_5 = "sha256:75fd05c0b85e95646dcbbaa1101fb6cf76ded2043f7c1f72f5a8cf97037a8e40";
    private static final String GZIP_LAYER_WITH_STOCK_ZLIB = "sha256:c6c3dd4a928ea256879e60c95264e4b9c9fcd5d46178c7ac9663c5ca70fd401e";
    /** Holds for one zstd-jni version: a new version bundles another zstd, which may compress otherwise. */
    private static final String ZSTD_LAYER_WITH_ZSTD_JNI_1_5_7_6 = "sha256:c7832fe450aed607765039462df4dbb1a9df4f570b4ed563289d0a854e7b5c81";
    private static final Instant TIME = Instant.parse("2026-01-01T00:00:00Z");

    @TempDir
    Path dir;

    private Layer write(Compression compression, int threads) throws IOException {
        LayerContents contents = LayerContents.of("fixed", List.of(LayerFile.directory("/data", 0755),
                LayerFile.file("/data/sample", 0644, ParallelGzipOutputStreamTest.sample(3 << 20, 15))));
        return new LayerWriter(new BlobStore(dir.resolve("blobs-" + compression + threads)), TIME, compression,
                compression.defaultLevel(), threads).write(contents);
    }

    @Test
    void gzipLayerIsPinnedExactlyWhenTheDeflateFingerprintIsStockZlibs() throws IOException {
        Layer layer = write(Compression.GZIP, 2);
        assertEquals(layer.descriptor().digest(), write(Compression.GZIP, 1).descriptor().digest());
        String fingerprint = DeflateFingerprint.of(5);
        assertEquals("gzip level 5, deflate " + fingerprint, layer.compressor());
        // The guarantee the README gives: stock zlib's fingerprint, stock zlib's bytes; another fingerprint, other bytes.
        assertEquals(fingerprint.equals(STOCK_ZLIB_LEVEL_5), layer.descriptor().digest().equals(GZIP_LAYER_WITH_STOCK_ZLIB),
                "fingerprint " + fingerprint + ", layer " + layer.descriptor().digest());
    }

    @Test
    void zstdLayerIsPinnedForOneZstdJniVersion() throws IOException {
        Layer layer = write(Compression.ZSTD, 2);
        assertEquals("zstd level 3, zstd-jni " + ZstdVersion.VERSION, layer.compressor());
        assertEquals("1.5.7-6", ZstdVersion.VERSION, "zstd-jni changed: check the zstd pin below and update both");
        assertEquals(ZSTD_LAYER_WITH_ZSTD_JNI_1_5_7_6, layer.descriptor().digest());
        assertEquals(layer.descriptor().digest(), write(Compression.ZSTD, 1).descriptor().digest());
    }

    @Test
    void fingerprintsDifferBetweenLevelsThatDeflateDifferently() {
        assertNotEquals(DeflateFingerprint.of(1), DeflateFingerprint.of(5));
        assertNotEquals(DeflateFingerprint.of(5), DeflateFingerprint.of(6));
    }

    @Test
    void layerKeyChangesWithTheCompressor() {
        String diffId = Sha256.of(new byte[0]);
        assertNotEquals(LayerKey.of(diffId, "gzip level 5, deflate " + STOCK_ZLIB_LEVEL_5),
                LayerKey.of(diffId, "gzip level 5, deflate " + DeflateFingerprint.of(1)));
    }
}
