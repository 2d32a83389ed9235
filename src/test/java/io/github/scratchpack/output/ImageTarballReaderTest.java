package io.github.scratchpack.output;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.github.scratchpack.image.CaCertificates;
import io.github.scratchpack.image.LayerContents;
import io.github.scratchpack.image.LayerFile;
import io.github.scratchpack.image.ReproducibleTarWriter;
import io.github.scratchpack.image.Sha256;
import io.github.scratchpack.testing.StaticBinaries;
import io.github.scratchpack.testing.TarballBuildMain;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ImageTarballReaderTest {
    @TempDir
    Path dir;
    private Path tarball;

    @BeforeEach
    void build() throws Exception {
        String all = new String(CaCertificates.fromJavaRuntime(Path.of(System.getProperty("java.home"))),
                StandardCharsets.US_ASCII);
        Path pem = Files.writeString(dir.resolve("ca.pem"), all.substring(0, all.indexOf("-----END CERTIFICATE-----\n") + 26));
        tarball = dir.resolve("out/image.tar");
        TarballBuildMain.build(StaticBinaries.staticServer(dir, "server"), pem, dir.resolve("work"), tarball);
    }

    @Test
    void readsTheManifestAndEveryBlobBackAsWritten() throws Exception {
        TarballImage image = ImageTarballReader.read(tarball);
        Path report = tarball.resolveSibling("image.json");
        assertEquals(ImageReport.digest(report), image.manifestDigest());
        assertEquals(image.manifestDigest(), Sha256.of(image.manifest()));
        assertEquals(image.layers().size() + 1, image.blobs().size());
        Map<String, byte[]> files = ImageTarballTest.read(tarball);
        for (TarballImage.StoredBlob blob : image.blobs()) {
            try (InputStream in = image.open(blob)) {
                byte[] bytes = in.readAllBytes();
                assertEquals(blob.digest(), Sha256.of(bytes));
                assertArrayEquals(files.get("blobs/sha256/" + Sha256.hex(blob.digest())), bytes);
            }
        }
    }

    @Test
    void aMissingOrForeignTarballSaysToRunTheImageGoal() throws Exception {
        Exception missing = assertThrows(IOException.class, () -> ImageTarballReader.read(dir.resolve("none.tar")));
        assertTrue(missing.getMessage().contains("Run the image goal first"), missing.getMessage());
        Path foreign = dir.resolve("foreign.tar");
        try (OutputStream out = Files.newOutputStream(foreign)) {
            new ReproducibleTarWriter(Instant.EPOCH).write(
                    LayerContents.of("not an image", List.of(LayerFile.file("/hello.txt", 0644, new byte[] {1}))), out);
        }
        Exception broken = assertThrows(IOException.class, () -> ImageTarballReader.read(foreign));
        assertTrue(broken.getMessage().contains("is not one the image goal wrote: it has no index.json"), broken.getMessage());
    }

    @Test
    void markPushedChangesOnlyThePushedField() throws Exception {
        Path report = tarball.resolveSibling("image.json");
        String before = Files.readString(report);
        ImageReport.markPushed(report);
        assertEquals(before.replace("\"pushed\":false", "\"pushed\":true"), Files.readString(report));
    }
}
