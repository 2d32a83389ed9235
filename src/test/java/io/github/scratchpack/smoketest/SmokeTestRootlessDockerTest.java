package io.github.scratchpack.smoketest;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.github.scratchpack.engine.ContainerEngine;
import io.github.scratchpack.testing.ExternalTool;
import io.github.scratchpack.testing.RootlessDockerDaemon;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The smoke test against a real rootless Docker daemon (dockerd-rootless.sh, run by the unprivileged test user), whose
 * bridge network lives in rootlesskit's namespace: the port is published to the host by rootlesskit's port driver.
 */
class SmokeTestRootlessDockerTest {
    @TempDir
    Path dir;

    private final List<String> warnings = new ArrayList<>();

    @Test
    void aServiceThatServesIsReadyThroughThePublishedPortAndOneBoundToLoopbackIsNamed() throws Exception {
        int port;
        try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            port = socket.getLocalPort();
        }
        try (RootlessDockerDaemon daemon = RootlessDockerDaemon.start()) {
            ContainerEngine docker = ContainerEngine.choose(daemon.environment(), "docker");
            SmokeTestSettings settings = new SmokeTestSettings(List.of(ReadinessCheck.of(port, "/health", false, "200")),
                    null, Duration.ofSeconds(30), Duration.ofSeconds(2), Map.of("PORT", Integer.toString(port)), List.of());

            ImageUnderTest serves = SmokeServerImages.build(dir, "serves", "serves", port);
            new SmokeTest(docker, warnings::add).run(serves, settings, dir.resolve("smoke-test.json"));
            JsonNode report = new ObjectMapper().readTree(dir.resolve("smoke-test.json").toFile());
            assertEquals("ready", report.path("result").asText());
            assertEquals("published", report.path("network").asText());
            assertEquals("HTTP 200", report.path("checks").get(0).path("answer").asText());

            ImageUnderTest loopback = SmokeServerImages.build(dir, "loopback", "loopback", port, "-DBIND_ADDRESS=\"127.0.0.1\"");
            String message = assertThrows(SmokeTestException.class,
                    () -> new SmokeTest(docker, warnings::add).run(loopback, settings, dir.resolve("loopback.json"))).getMessage();
            assertTrue(message.startsWith("The service listens on 127.0.0.1:" + port + " only, inside the container"), message);

            assertEquals("", ExternalTool.check(daemon.docker("ps", "-a", "-q")).strip(), "containers left behind");
            assertEquals("", ExternalTool.check(daemon.docker("images", "-q")).strip(), "images left behind");
            assertEquals(List.of(), warnings);
        }
    }
}
