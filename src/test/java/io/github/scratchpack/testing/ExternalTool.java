package io.github.scratchpack.testing;

import static org.junit.jupiter.api.Assertions.fail;

import java.io.File;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Assumptions;

/**
 * Finds and runs the real command-line clients that end-to-end tests use (skopeo, podman, umoci, musl-gcc...).
 * A missing tool skips the test on a developer machine, and fails it when {@code CI=true}.
 */
public final class ExternalTool {
    private ExternalTool() {
    }

    /** The path of a tool on PATH; skips the test when absent, or fails it under {@code CI=true}. */
    public static Path require(String name) {
        for (String directory : System.getenv().getOrDefault("PATH", "").split(File.pathSeparator)) {
            Path candidate = Path.of(directory, name);
            if (Files.isExecutable(candidate)) {
                return candidate;
            }
        }
        String message = name + " is not on PATH; install it (see docs/testing.md)";
        if ("true".equalsIgnoreCase(System.getenv("CI"))) {
            fail(message + " - CI=true, so this test fails instead of skipping");
        }
        Assumptions.abort(message);
        return null;
    }

    /** The result of a finished command. */
    public record Result(int exitCode, String output) {
        /** Fails the test unless the command exited with 0; returns the output. */
        public String checked(List<String> command) {
            if (exitCode != 0) {
                fail(String.join(" ", command) + " exited with " + exitCode + ":\n" + output);
            }
            return output;
        }
    }

    /** Runs a command with stderr merged into stdout, failing the test if it takes longer than the timeout. */
    public static Result run(Duration timeout, List<String> command) throws IOException, InterruptedException {
        ProcessBuilder builder = new ProcessBuilder(new ArrayList<>(command)).redirectErrorStream(true);
        Path log = Files.createTempFile("scratchpack-tool-", ".log");
        builder.redirectOutput(log.toFile());
        Process process = builder.start();
        try {
            if (!process.waitFor(timeout.toMillis(), TimeUnit.MILLISECONDS)) {
                process.destroyForcibly();
                fail(String.join(" ", command) + " did not finish within " + timeout);
            }
            return new Result(process.exitValue(), Files.readString(log, StandardCharsets.UTF_8));
        } finally {
            Files.deleteIfExists(log);
        }
    }

    /** Runs a command and fails the test unless it exits with 0; returns its output. */
    public static String check(List<String> command) throws IOException, InterruptedException {
        return run(Duration.ofMinutes(3), command).checked(command);
    }
}
