package io.github.scratchpack.engine;

import java.util.Map;

/**
 * Whether an engine is remote, that is, cannot see this machine's files: its address ({@code DOCKER_HOST} for docker,
 * {@code CONTAINER_HOST} for podman) is set to anything but a local socket ({@code unix://...}), such as
 * {@code tcp://} or {@code ssh://}.
 */
final class EngineAddress {
    private EngineAddress() {
    }

    /** The variable that names the engine's address. */
    static String variable(String engine) {
        return engine.equals("podman") ? "CONTAINER_HOST" : "DOCKER_HOST";
    }

    /** Whether the environment points the engine at an address other than a local socket. */
    static boolean remote(String engine, Map<String, String> environment) {
        String address = environment.getOrDefault(variable(engine), "").strip();
        return !address.isEmpty() && !address.startsWith("unix://");
    }
}
