package io.github.scratchpack.output;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.github.scratchpack.elf.ElfReader;
import io.github.scratchpack.image.CaCertificates;
import io.github.scratchpack.image.Compression;
import io.github.scratchpack.testing.ExternalTool;
import io.github.scratchpack.testing.StaticBinaries;
import io.github.scratchpack.testing.TarballBuildMain;
import io.github.scratchpack.testing.ZlibNgLibrary;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Builds the same image with a JDK on stock zlib and with the same JDK on zlib-ng (zlib-compatible build first on
 * {@code LD_LIBRARY_PATH}, as on Fedora 40 and later), in one work directory: the deflate difference must show in
 * {@code image.json} and in the layer cache, which must not hand one deflate's blobs to the other.
 */
class ZlibNgReproducibilityTest {
    @TempDir
    Path dir;

    /** A JDK whose {@code libzip.so} loads the system's {@code libz.so.1}: this one, or one under /usr/lib/jvm. */
    private static Path jdkOnSystemZlib() throws Exception {
        List<Path> candidates = new ArrayList<>(List.of(Path.of(System.getProperty("java.home"))));
        Path jvms = Path.of("/usr/lib/jvm");
        if (Files.isDirectory(jvms)) {
            try (Stream<Path> installed = Files.list(jvms)) {
                installed.sorted().forEach(candidates::add);
            }
        }
        for (Path home : candidates) {
            Path libzip = home.resolve("lib/libzip.so");
            if (Files.isExecutable(home.resolve("bin/java")) && Files.isRegularFile(libzip)
                    && ElfReader.read(libzip).neededLibraries().contains("libz.so.1")) {
                return home;
            }
        }
        if ("true".equalsIgnoreCase(System.getenv("CI"))) {
            fail("No JDK that links the system zlib (libz.so.1) found in java.home or /usr/lib/jvm");
        }
        Assumptions.abort("No JDK that links the system zlib (libz.so.1) found");
        return null;
    }

    private List<JsonNode> layers(Path tarball) throws Exception {
        List<JsonNode> layers = new ArrayList<>();
        new ObjectMapper().readTree(tarball.resolveSibling("image.json").toFile()).path("layers").forEach(layers::add);
        return layers;
    }

    @Test
    void zlibNgDeflateIsRecordedInImageJsonAndMissesTheCache() throws Exception {
        Path java = jdkOnSystemZlib().resolve("bin/java");
        Path zlibNg = ZlibNgLibrary.directory();
        Path binary = StaticBinaries.staticServer(dir, "server");
        Path pem = Files.write(dir.resolve("ca.pem"), CaCertificates.fromJavaRuntime(Path.of(System.getProperty("java.home"))));
        Path work = dir.resolve("work");
        Path stock = dir.resolve("stock/image.tar");
        TarballBuildMain.build(binary, pem, work, stock);
        Path ng = dir.resolve("zlib-ng/image.tar");
        ExternalTool.run(Duration.ofMinutes(2), List.of("env", "LD_LIBRARY_PATH=" + zlibNg, java.toString(), "-cp",
                System.getProperty("java.class.path"), TarballBuildMain.class.getName(), binary.toString(), pem.toString(),
                work.toString(), ng.toString())).checked(List.of("java", TarballBuildMain.class.getName()));

        List<JsonNode> stockLayers = layers(stock);
        List<JsonNode> ngLayers = layers(ng);
        assertEquals(stockLayers.size(), ngLayers.size());
        String stockCompressor = Compression.GZIP.compressor(5);
        String ngCompressor = ngLayers.get(0).path("compressor").asText();
        assertTrue(ngCompressor.startsWith("gzip level 5, deflate sha256:"), ngCompressor);
        assertNotEquals(stockCompressor, ngCompressor, "zlib-ng was not loaded, or its deflate was not told apart");
        for (int i = 0; i < stockLayers.size(); i++) {
            assertEquals(stockCompressor, stockLayers.get(i).path("compressor").asText());
            assertEquals(ngCompressor, ngLayers.get(i).path("compressor").asText());
            assertEquals(stockLayers.get(i).path("diffId"), ngLayers.get(i).path("diffId"));
            // Had the cache key ignored the deflate, the zlib-ng build would have reused the stock blobs.
            assertNotEquals(stockLayers.get(i).path("digest"), ngLayers.get(i).path("digest"));
        }

        Path again = dir.resolve("stock-again/image.tar");
        TarballBuildMain.build(binary, pem, work, again);
        assertArrayEquals(Files.readAllBytes(stock), Files.readAllBytes(again), "back on stock zlib, the first bytes again");
    }
}
