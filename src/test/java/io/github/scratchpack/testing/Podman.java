package io.github.scratchpack.testing;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * Builds podman command lines for this kind of machine: the runc runtime, and a containers.conf (named by the
 * {@code CONTAINERS_CONF} variable that the surefire configuration sets) with {@code default_ulimits = []}.
 */
public final class Podman {
    private Podman() {
    }

    /** The podman command line for some arguments; skips or fails the test when podman is missing. */
    public static List<String> command(String... arguments) throws IOException {
        Path podman = ExternalTool.require("podman");
        ExternalTool.require("runc");
        String configuration = System.getenv("CONTAINERS_CONF");
        if (configuration != null) {
            Path file = Path.of(configuration);
            if (!Files.exists(file)) {
                Files.createDirectories(file.toAbsolutePath().getParent());
                Files.writeString(file, "[containers]\ndefault_ulimits = []\n", StandardCharsets.UTF_8);
            }
        }
        List<String> command = new ArrayList<>(List.of(podman.toString(), "--runtime", "runc"));
        command.addAll(List.of(arguments));
        return command;
    }
}
