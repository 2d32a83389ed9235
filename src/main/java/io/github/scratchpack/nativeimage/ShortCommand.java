package io.github.scratchpack.nativeimage;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * Runs a command that finishes in seconds (a {@code --version} query, a compile-and-link test) and returns its exit
 * code and its output, stdout and stderr merged. A command that overruns its time is killed.
 */
public final class ShortCommand {
    private ShortCommand() {
    }

    /** The outcome of a finished command. */
    public record Result(int exitCode, String output) {
        /** Whether the command exited with 0. */
        public boolean succeeded() {
            return exitCode == 0;
        }
    }

    /**
     * Runs a command and waits for it.
     *
     * @throws IOException when the command cannot be started, or when it does not finish within {@code timeout}
     */
    public static Result run(List<String> command, Duration timeout) throws IOException {
        Path log = Files.createTempFile("scratchpack-command-", ".log");
        try {
            Process process = new ProcessBuilder(command).redirectErrorStream(true).redirectOutput(log.toFile()).start();
            if (!process.waitFor(timeout.toMillis(), TimeUnit.MILLISECONDS)) {
                process.destroyForcibly();
                throw new IOException(String.join(" ", command) + " did not finish within " + timeout.toSeconds() + " s");
            }
            // leniently: a localized message in another encoding must show, not fail with "Input length = 1"
            return new Result(process.exitValue(), new String(Files.readAllBytes(log), StandardCharsets.UTF_8));
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IOException("Interrupted while running " + String.join(" ", command), e);
        } finally {
            Files.deleteIfExists(log);
        }
    }
}
