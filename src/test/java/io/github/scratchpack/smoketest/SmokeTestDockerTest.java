package io.github.scratchpack.smoketest;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.github.scratchpack.engine.ContainerEngine;
import io.github.scratchpack.testing.DockerDaemon;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The smoke test against a real Docker Engine without a bridge network (its own daemon, started with
 * {@code --bridge=none}), where the container runs in the host's network. Each test uses a port that is free on this
 * machine, exposed by the image and given to the service as {@code PORT}.
 */
class SmokeTestDockerTest {
    @TempDir
    Path dir;

    private final List<String> warnings = new ArrayList<>();
    private DockerDaemon daemon;
    private ImageUnderTest image;
    private int port;

    @BeforeEach
    void startDaemon() throws Exception {
        daemon = DockerDaemon.start();
        try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            port = socket.getLocalPort();
        }
    }

    /** Nothing of the test is left in its daemon: no container, no image; then the daemon itself leaves nothing. */
    @AfterEach
    void nothingLeftBehind() throws Exception {
        try (DockerDaemon stopping = daemon) {
            assertEquals("", stopping.check("ps", "-a", "-q").strip(), "containers left behind");
            assertEquals("", stopping.check("images", "-q").strip(), "images left behind");
            assertEquals(List.of(), warnings);
        }
    }

    private void image(String name, String... compilerOptions) throws Exception {
        image = SmokeServerImages.build(dir, name, name, port, compilerOptions);
    }

    private SmokeTestSettings settings(List<ReadinessCheck> checks) {
        return new SmokeTestSettings(checks, null, Duration.ofSeconds(30), Duration.ofSeconds(2),
                Map.of("PORT", Integer.toString(port)), List.of());
    }

    private Duration smokeTest(SmokeTestSettings settings) throws Exception {
        ContainerEngine docker = ContainerEngine.choose(daemon.environment(), "docker");
        return new SmokeTest(docker, warnings::add).run(image, settings, dir.resolve("smoke-test.json"));
    }

    private String failure(SmokeTestSettings settings) {
        return assertThrows(SmokeTestException.class, () -> smokeTest(settings)).getMessage();
    }

    @Test
    void aServiceThatServesIsReadyInTheHostNetworkAndTheReportSaysSo() throws Exception {
        image("serves");
        Duration ready = smokeTest(settings(List.of(ReadinessCheck.of(port, "/health", false, "200"))));
        assertTrue(ready.toMillis() > 0 && ready.toSeconds() < 30, ready.toString());
        JsonNode report = new ObjectMapper().readTree(dir.resolve("smoke-test.json").toFile());
        assertEquals("docker", report.path("engine").path("name").asText());
        assertEquals("ready", report.path("result").asText());
        assertEquals("host", report.path("network").asText());
        assertTrue(report.path("runOptions").toString().contains("\"--read-only\",\"--tmpfs\",\"/tmp:rw,mode=1777\","
                + "\"--cap-drop=ALL\",\"--security-opt=no-new-privileges\",\"--stop-signal=SIGTERM\",\"--network\","
                + "\"host\""), report.toString());
        assertTrue(!report.path("runOptions").toString().contains("\"-p\""), report.toString());
        JsonNode check = report.path("checks").get(0);
        assertEquals(port, check.path("hostPort").asInt());
        assertEquals("HTTP 200", check.path("answer").asText());
        assertTrue(check.path("passed").asBoolean());
    }

    @Test
    void aServiceBoundToLoopbackIsNamedAlsoInTheHostNetworkWhereLoopbackWouldAnswer() throws Exception {
        image("loopback", "-DBIND_ADDRESS=\"127.0.0.1\"");
        String message = failure(settings(List.of()));
        assertTrue(message.startsWith("The service listens on 127.0.0.1:" + port + " only, inside the container, so nothing"
                + " outside the container can connect to port " + port + ". Make it bind 0.0.0.0 (all addresses) instead of"
                + " 127.0.0.1.\nThe container's last log lines:\n"), message);
    }

    @Test
    void aServiceThatExitsAtStartGivesTheExitCodeAndItsLog() throws Exception {
        image("exits", "-DEXIT_AT_START=3");
        String message = failure(settings(List.of()));
        assertTrue(message.startsWith("The container exited with code 3 before it was ready. Its log below says why.\n"
                + "The container's last log lines:\n"), message);
        assertTrue(message.contains("\n  configuration missing, giving up"), message);
    }

    @Test
    void aServiceIgnoringSigtermIsKilledAfterTheStopTimeoutAndRemoved() throws Exception {
        image("ignores-sigterm", "-DIGNORE_SIGTERM");
        long start = System.nanoTime();
        smokeTest(settings(List.of()));
        long seconds = Duration.ofNanos(System.nanoTime() - start).toSeconds();
        // docker's own default stop timeout is 10 s; the goal's 2 s must be the one used
        assertTrue(seconds < 9, "the smoke test took " + seconds + " s");
    }

    @Test
    void aPortInUseOnTheHostFailsBeforeAnythingIsLoaded() throws Exception {
        image("port-taken");
        try (ServerSocket taken = new ServerSocket(port)) {
            assertEquals("Port " + port + " is in use on this machine. docker here has no bridge network to publish"
                    + " ports on, so the smoke test runs the container in the host's network (--network host), where"
                    + " the service must listen on port " + port + " itself. Stop what uses port " + port + ", or run"
                    + " the smoke test with an engine that has a bridge network.", failure(settings(List.of())));
        }
    }

    @Test
    void aCheckForAPortTheImageDoesNotExposeIsRefusedBeforeAnythingIsLoaded() throws Exception {
        image("unexposed-check");
        int other = port == 65535 ? port - 1 : port + 1;
        assertEquals("The readiness check 'TCP connect to port " + other + "' is for port " + other + ", which the image"
                + " does not expose (it exposes [" + port + "]). Add it to <ports>, or check another port.",
                failure(settings(List.of(ReadinessCheck.of(other, null, false, null)))));
    }
}
