package io.github.scratchpack.output;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.github.scratchpack.elf.StaticExecutableCheck;
import io.github.scratchpack.image.CaCertificates;
import io.github.scratchpack.image.Compression;
import io.github.scratchpack.image.Image;
import io.github.scratchpack.image.ImageReference;
import io.github.scratchpack.image.ImageSpec;
import io.github.scratchpack.testing.ExternalTool;
import io.github.scratchpack.testing.Podman;
import io.github.scratchpack.testing.StaticBinaries;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/** Loads images of every compression into the real clients: skopeo, umoci and podman. */
class ClientCompatibilityTest {
    @TempDir
    Path dir;

    @ParameterizedTest
    @EnumSource(Compression.class)
    void skopeoUmociAndPodmanReadAndRunTheImage(Compression compression) throws Exception {
        Path skopeo = ExternalTool.require("skopeo");
        Path umoci = ExternalTool.require("umoci");
        Path binary = StaticBinaries.staticServer(dir, "server");
        String name = "scratchpack-test/" + compression.name().toLowerCase(Locale.ROOT);
        ImageSpec spec = ImageSpec.builder(binary, StaticExecutableCheck.check(binary), ImageReference.parse(name + ":1"))
                .compression(compression, 0).certificates(CaCertificates.fromJavaRuntime(Path.of(System.getProperty("java.home"))))
                .build();
        Path tarball = dir.resolve("image.tar");
        Image image = new TarballBuild(dir.resolve("work")).run(spec, tarball, dir.resolve("image.json")).image();

        JsonNode inspected = new ObjectMapper().readTree(ExternalTool.check(
                List.of(skopeo.toString(), "inspect", "oci-archive:" + tarball + ":1")));
        assertEquals(image.digest(), inspected.get("Digest").asText());
        JsonNode manifest = new ObjectMapper().readTree(ExternalTool.check(
                List.of(skopeo.toString(), "inspect", "--raw", "oci-archive:" + tarball + ":1")));
        assertEquals(compression.mediaType(), manifest.get("layers").get(0).get("mediaType").asText());

        if (compression != Compression.ZSTD) {
            unpackWithUmoci(umoci, tarball);
        }

        ExternalTool.check(Podman.command("load", "-i", tarball.toString()));
        try {
            String seen = ExternalTool.check(Podman.command("run", "--rm", name + ":1", "--report"));
            assertTrue(seen.contains("uid=65532 gid=65532 certs=yes passwd=yes tmp=yes"), seen);
        } finally {
            ExternalTool.check(Podman.command("rmi", "-f", name + ":1"));
        }
    }

    /** umoci 0.4.7 (Debian 12) reads gzip and plain layers but refuses zstd ones. */
    private void unpackWithUmoci(Path umoci, Path tarball) throws Exception {
        Path layout = dir.resolve("layout");
        ExternalTool.check(List.of("mkdir", "-p", layout.toString()));
        ExternalTool.check(List.of("tar", "-xf", tarball.toString(), "-C", layout.toString()));
        ExternalTool.check(List.of(umoci.toString(), "unpack", "--image", layout + ":1", dir.resolve("bundle").toString()));
        assertTrue(Files.isExecutable(dir.resolve("bundle/rootfs/app/server")));
    }
}
