package io.github.scratchpack.testing;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * Builds podman command lines for this kind of machine: the runc runtime, and a containers.conf (named by the
 * {@code CONTAINERS_CONF} variable that the surefire configuration sets) with {@code default_ulimits = []}.
 */
public final class Podman {
    private Podman() {
    }

    /**
     * The environment for code under test that runs plain {@code podman}: this process's, with {@code CONTAINERS_CONF}
     * naming a file (beside the surefire one) that also chooses the runc runtime. Skips or fails the test when podman
     * is missing.
     */
    public static Map<String, String> environment() throws IOException {
        command();
        String surefire = System.getenv("CONTAINERS_CONF");
        Path file = surefire == null ? Path.of("target/containers-runc.conf")
                : Path.of(surefire).toAbsolutePath().resolveSibling("containers-runc.conf");
        Files.createDirectories(file.toAbsolutePath().getParent());
        Files.writeString(file, "[containers]\ndefault_ulimits = []\n[engine]\nruntime = \"runc\"\n", StandardCharsets.UTF_8);
        Map<String, String> environment = new HashMap<>(System.getenv());
        environment.put("CONTAINERS_CONF", file.toAbsolutePath().toString());
        return environment;
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
