package io.github.scratchpack.smoketest;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.github.scratchpack.engine.ContainerEngine;
import io.github.scratchpack.testing.ExternalTool;
import io.github.scratchpack.testing.Podman;
import java.io.File;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The smoke test against the real podman, with test services that each misbehave in one way. */
class SmokeTestPodmanTest {
    @TempDir
    Path dir;

    private final List<String> warnings = new ArrayList<>();
    private ImageUnderTest image;

    private ImageUnderTest image(String name, String... compilerOptions) throws Exception {
        image = SmokeServerImages.build(dir, name, name, 8080, compilerOptions);
        return image;
    }

    private static SmokeTestSettings settings(int startupSeconds, List<ReadinessCheck> checks, Map<String, String> environment) {
        return new SmokeTestSettings(checks, null, Duration.ofSeconds(startupSeconds), Duration.ofSeconds(2),
                environment, List.of());
    }

    private Duration smokeTest(SmokeTestSettings settings) throws Exception {
        return smokeTest(settings, Podman.environment());
    }

    private Duration smokeTest(SmokeTestSettings settings, Map<String, String> environment) throws Exception {
        ContainerEngine podman = ContainerEngine.choose(environment, "podman");
        return new SmokeTest(podman, warnings::add).run(image, settings, dir.resolve("smoke-test.json"));
    }

    /**
     * The environment with a {@code podman} first on PATH that records each command it is given in {@code calls}
     * and then runs the real podman, after {@code delay} seconds for the first command whose arguments start with
     * {@code slowCommand}.
     */
    private Map<String, String> recordingPodman(Path calls, String slowCommand, int delay) throws Exception {
        Path real = ExternalTool.require("podman");
        Path bin = Files.createDirectories(dir.resolve("recording-bin"));
        Path podman = bin.resolve("podman");
        Files.writeString(podman, "#!/bin/sh\n"
                + "echo \"$*\" >> '" + calls + "'\n"
                + "case \"$*\" in '" + slowCommand + "'*) if mkdir '" + dir.resolve("slowed") + "' 2>/dev/null;"
                + " then sleep " + delay + "; fi;; esac\n"
                + "exec '" + real + "' \"$@\"\n");
        assertTrue(podman.toFile().setExecutable(true));
        Map<String, String> environment = new HashMap<>(Podman.environment());
        environment.put("PATH", bin + File.pathSeparator + environment.get("PATH"));
        return environment;
    }

    private static List<String> calls(Path calls) throws Exception {
        List<String> lines = Files.readAllLines(calls);
        Files.delete(calls);
        return lines;
    }

    private String failure(SmokeTestSettings settings) {
        return assertThrows(SmokeTestException.class, () -> smokeTest(settings)).getMessage();
    }

    /** Nothing of the test is left: no container of the smoke test's, and not the image it loaded. */
    @AfterEach
    void nothingLeftBehind() throws Exception {
        String containers = ExternalTool.check(Podman.command("ps", "-a", "--filter", "name=scratchpack-smoke-",
                "--format", "{{.Names}}"));
        assertEquals("", containers.strip(), "containers left behind");
        if (image != null) {
            ExternalTool.Result exists = ExternalTool.run(Duration.ofMinutes(1),
                    Podman.command("image", "exists", image.id()));
            assertEquals(1, exists.exitCode(), "the image " + image.id() + " was left behind");
        }
        assertEquals(List.of(), warnings);
    }

    @Test
    void aServiceBoundToAllAddressesIsReadyAndTheReportSaysSo() throws Exception {
        image("serves");
        Duration ready = smokeTest(settings(30, List.of(ReadinessCheck.of(8080, "/health", false, "200")), Map.of()));
        assertTrue(ready.toMillis() > 0 && ready.toSeconds() < 30, ready.toString());
        JsonNode report = new ObjectMapper().readTree(dir.resolve("smoke-test.json").toFile());
        assertEquals(image.digest(), report.path("image").path("digest").asText());
        assertEquals("podman", report.path("engine").path("name").asText());
        assertFalse(report.path("engine").path("version").asText().isEmpty());
        assertEquals("ready", report.path("result").asText());
        assertEquals(ready.toMillis(), report.path("timeToReadyMillis").asLong());
        assertTrue(report.path("runOptions").toString().contains("\"--read-only\",\"--read-only-tmpfs=false\",\"--tmpfs\","
                + "\"/tmp:rw,mode=1777\",\"--cap-drop=ALL\",\"--security-opt=no-new-privileges\""), report.toString());
        JsonNode check = report.path("checks").get(0);
        assertEquals("HTTP GET /health on port 8080 expecting 200", check.path("check").asText());
        assertEquals("HTTP 200", check.path("answer").asText());
        assertTrue(check.path("passed").asBoolean());
        assertTrue(report.path("peakMemoryBytes").asLong() > 0, report.toString());
    }

    @Test
    void aServiceBoundToLoopbackIsNamedWithItsAddressAndPort() throws Exception {
        image("loopback", "-DBIND_ADDRESS=\"127.0.0.1\"");
        String message = failure(settings(30, List.of(), Map.of()));
        assertTrue(message.startsWith("The service listens on 127.0.0.1:8080 only, inside the container, so nothing"
                + " outside the container can connect to port 8080. Make it bind 0.0.0.0 (all addresses) instead of"
                + " 127.0.0.1.\nThe container's last log lines:\n  starting\n  listening on 127.0.0.1:8080"), message);
    }

    @Test
    void aServiceThatExitsAtStartGivesTheExitCodeAndItsLog() throws Exception {
        image("exits", "-DEXIT_AT_START=3");
        String message = failure(settings(30, List.of(), Map.of()));
        assertTrue(message.startsWith("The container exited with code 3 before it was ready. Its log below says why.\n"
                + "The container's last log lines:\n"), message);
        assertTrue(message.contains("\n  configuration missing, giving up"), message);
    }

    @Test
    void aServiceSlowerThanTheTimeoutIsNeverReadySayingWhatWasTried() throws Exception {
        image("slow", "-DLISTEN_AFTER_SECONDS=30");
        long start = System.nanoTime();
        String message = failure(settings(2, List.of(), Map.of()));
        assertTrue(Duration.ofNanos(System.nanoTime() - start).toSeconds() < 15, "the smoke test took too long");
        assertTrue(message.matches("(?s)The container was not ready within 2 s\\. Tried: TCP connect to port 8080"
                + " \\(published on 127\\.0\\.0\\.1:\\d+\\): nothing listens on port 8080 in the container\\. It listens"
                + " on no TCP port\\. Raise startupTimeout if it needs longer, or see its log below\\.\n"
                + "The container's last log lines:\n  starting"), message);
    }

    @Test
    void aServiceOnAnotherPortIsToldWhichPortsItListensOn() throws Exception {
        image("elsewhere");
        String message = failure(settings(2, List.of(), Map.of("PORT", "9090")));
        assertTrue(message.startsWith("The service does not listen on port 8080, which the image exposes; it listens"
                + " on 0.0.0.0:9090. Make it listen on 8080, or expose the port it uses in <ports>."), message);
    }

    @Test
    void aWriteOutsideTmpNamesTheReadOnlyPath() throws Exception {
        image("writes", "-DWRITE_FILE=\"/home/nonroot/state\"");
        String message = failure(settings(30, List.of(), Map.of()));
        assertTrue(message.startsWith("The service failed writing to /home/nonroot/state: the root file system is"
                + " read-only (\"cannot create /home/nonroot/state: Read-only file system\"). Write only under /tmp,"), message);
    }

    @Test
    void aServiceIgnoringSigtermIsKilledAfterTheStopTimeoutAndRemoved() throws Exception {
        image("ignores-sigterm", "-DIGNORE_SIGTERM");
        long start = System.nanoTime();
        smokeTest(settings(30, List.of(), Map.of()));
        long seconds = Duration.ofNanos(System.nanoTime() - start).toSeconds();
        // podman's own default stop timeout is 10 s; the goal's 2 s must be the one used
        assertTrue(seconds < 9, "the smoke test took " + seconds + " s");
    }

    @Test
    void anHttpStatusOtherThanTheExpectedOneIsNeverReadyNamingTheAnswer() throws Exception {
        image("wrong-status");
        String message = failure(settings(2, List.of(ReadinessCheck.of(8080, "/health", false, "204")), Map.of()));
        assertTrue(message.matches("(?s)The container was not ready within 2 s\\. Tried: HTTP GET /health on port 8080"
                + " expecting 204 \\(published on 127\\.0\\.0\\.1:\\d+\\): HTTP 200\\. It listens on 0\\.0\\.0\\.0:8080\\..*"),
                message);
    }

    @Test
    void anImageTheEngineAlreadyHadIsUsedAndKept() throws Exception {
        image("already-loaded");
        String tag = "scratchpack-smoke-test/already-loaded:1";
        ExternalTool.check(Podman.command("load", "-i", image.tarball().toString()));
        try {
            smokeTest(settings(30, List.of(), Map.of()));
            assertEquals(image.id().substring(7), ExternalTool.check(Podman.command("image", "inspect", "--format",
                    "{{.Id}}", tag)).strip());
        } finally {
            ExternalTool.check(Podman.command("rmi", tag));
        }
    }

    @Test
    void aTagOfAnotherImageIsNeitherMovedNorRemoved() throws Exception {
        ImageUnderTest other = image("taken-tag");
        ExternalTool.check(Podman.command("load", "-i", other.tarball().toString()));
        String tag = "scratchpack-smoke-test/taken-tag:1";
        try {
            image = null;
            image = SmokeServerImages.build(dir, "taken-tag-2", "taken-tag", 8080, "-DLISTEN_AFTER_SECONDS=1");
            String message = failure(settings(30, List.of(), Map.of()));
            assertEquals("podman already has the tag scratchpack-smoke-test/taken-tag:1 for another image ("
                    + other.id() + "). Loading this image would move that tag, and the smoke test never changes an"
                    + " image or tag you have: remove it ('podman rmi scratchpack-smoke-test/taken-tag:1') or give"
                    + " this image another tag.", message);
            assertEquals(other.id().substring(7), ExternalTool.check(Podman.command("image", "inspect", "--format",
                    "{{.Id}}", tag)).strip());
        } finally {
            ExternalTool.check(Podman.command("rmi", tag));
        }
    }

    @Test
    void theEngineProcessesOneSmokeTestStartsDoNotGrowWithTheTimeTheServiceTakesToStart() throws Exception {
        Path calls = dir.resolve("calls.log");
        SmokeTestSettings settings = new SmokeTestSettings(List.of(), "listening on", Duration.ofSeconds(30),
                Duration.ofSeconds(2), Map.of(), List.of());
        image("quick");
        smokeTest(settings, recordingPodman(calls, "none", 0));
        List<String> quick = calls(calls);
        image = SmokeServerImages.build(dir, "six-seconds", "six-seconds", 8080, "-DLISTEN_AFTER_SECONDS=6");
        smokeTest(settings, recordingPodman(calls, "none", 0));
        List<String> slow = calls(calls);
        // before: an inspect and a whole logs call on every 200 ms round, about 60 more for six seconds
        assertEquals(quick.size(), slow.size(), "quick: " + quick + "\nsix seconds: " + slow);
        assertTrue(slow.size() <= 12, slow.toString());
        assertEquals(1, slow.stream().filter(call -> call.startsWith("logs --follow")).count(), slow.toString());
    }

    @Test
    void anEngineSlowToAnswerWhileTheServiceIsHealthyIsAskedAgainAndDoesNotFailTheSmokeTest() throws Exception {
        Path calls = dir.resolve("calls.log");
        image("slow-engine", "-DLISTEN_AFTER_SECONDS=1");
        // the first inspect of the container hangs for longer than any one engine answer is waited for (30 s)
        Duration ready = smokeTest(new SmokeTestSettings(List.of(), "listening on", Duration.ofSeconds(60),
                Duration.ofSeconds(2), Map.of(), List.of()), recordingPodman(calls, "container inspect", 35));
        assertTrue(ready.toSeconds() < 30, ready.toString());
        assertTrue(calls(calls).stream().filter(call -> call.startsWith("container inspect")).count() >= 1);
    }

    @Test
    void aLogLineMustBePrintedBeforeTheServiceCountsAsReady() throws Exception {
        image("log-line");
        smokeTest(new SmokeTestSettings(List.of(), "listening on 0.0.0.0:8080", Duration.ofSeconds(30),
                Duration.ofSeconds(2), Map.of(), List.of()));
        String message = failure(new SmokeTestSettings(List.of(), "Started in", Duration.ofSeconds(2),
                Duration.ofSeconds(2), Map.of(), List.of()));
        assertTrue(message.matches("(?s)The container was not ready within 2 s\\. Tried: TCP connect to port 8080"
                + " \\(published on 127\\.0\\.0\\.1:\\d+\\): connected; a log line containing 'Started in': not"
                + " printed\\. It listens on 0\\.0\\.0\\.0:8080\\..*"), message);
    }
}
