package io.github.scratchpack.output;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.github.scratchpack.testing.ExternalTool;
import io.github.scratchpack.testing.HttpServerImage;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * buildah reads the tarball as a base image ({@code buildah from oci-archive:...}), as a Containerfile's {@code FROM}
 * would: the working container has the image's configuration and its files, and a commit on top keeps both. buildah
 * runs with storage of the test's own (vfs driver), so it shares nothing with the machine's podman.
 */
class BuildahBaseImageTest {
    @TempDir
    Path dir;

    private List<String> buildah(String... arguments) {
        Path buildah = ExternalTool.require("buildah");
        List<String> command = new ArrayList<>(List.of(buildah.toString(), "--root", dir.resolve("storage").toString(),
                "--runroot", dir.resolve("run").toString(), "--storage-driver", "vfs"));
        command.addAll(List.of(arguments));
        return command;
    }

    @Test
    void buildahTakesTheTarballAsABaseImage() throws Exception {
        Path tarball = HttpServerImage.build(dir, "scratchpack-test/buildah-base:1");
        String container = ExternalTool.check(buildah("from", "--name", "scratchpack-buildah-base",
                "oci-archive:" + tarball + ":1")).strip();
        assertEquals("scratchpack-buildah-base", container.lines().reduce((a, b) -> b).orElse(""));
        try {
            assertEquals("65532:65532 [/app/server] map[8080/tcp:{}]", ExternalTool.check(buildah("inspect", "--format",
                    "{{.OCIv1.Config.User}} {{.OCIv1.Config.Entrypoint}} {{.OCIv1.Config.ExposedPorts}}",
                    "scratchpack-buildah-base")).strip());
            Path root = Path.of(ExternalTool.check(buildah("mount", "scratchpack-buildah-base")).strip());
            assertTrue(Files.isExecutable(root.resolve("app/server")), root.toString());
            assertTrue(Files.readString(root.resolve("etc/passwd")).contains(":65532:65532:"));
            ExternalTool.check(buildah("umount", "scratchpack-buildah-base"));
            ExternalTool.check(buildah("config", "--label", "layered=yes", "scratchpack-buildah-base"));
            ExternalTool.check(buildah("commit", "scratchpack-buildah-base", "scratchpack-test/buildah-layered:1"));
            assertEquals("65532:65532 [/app/server] yes", ExternalTool.check(buildah("inspect", "--type", "image", "--format",
                    "{{.OCIv1.Config.User}} {{.OCIv1.Config.Entrypoint}} {{index .OCIv1.Config.Labels \"layered\"}}",
                    "scratchpack-test/buildah-layered:1")).strip());
        } finally {
            ExternalTool.check(buildah("rm", "--all"));
            ExternalTool.check(buildah("rmi", "--all", "--force"));
        }
    }
}
