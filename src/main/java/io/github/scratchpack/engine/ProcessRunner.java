package io.github.scratchpack.engine;

import java.io.File;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/** Runs an engine's command line to its end, with stderr merged into stdout, in a given environment. */
final class ProcessRunner {
    private final Map<String, String> environment;

    ProcessRunner(Map<String, String> environment) {
        this.environment = Map.copyOf(environment);
    }

    /** What a finished command printed and how it exited. */
    record Result(int exitCode, String output) {
        boolean succeeded() {
            return exitCode == 0;
        }

        /** The first non-blank line of the output, or {@code no output}. */
        String firstLine() {
            return output.lines().filter(line -> !line.isBlank()).findFirst().orElse("no output").strip();
        }
    }

    /**
     * Runs a command.
     *
     * @param command the command line
     * @param input a file to read stdin from, or {@code null} for none
     * @param timeout how long it may take; it is killed after that
     */
    Result run(List<String> command, Path input, Duration timeout) throws EngineException {
        Path output = null;
        try {
            output = Files.createTempFile("scratchpack-engine-", ".log");
            ProcessBuilder builder = new ProcessBuilder(command).redirectErrorStream(true)
                    .redirectOutput(output.toFile())
                    .redirectInput(ProcessBuilder.Redirect.from(input == null ? new File("/dev/null") : input.toFile()));
            builder.environment().clear();
            builder.environment().putAll(environment);
            Process process = builder.start();
            if (!process.waitFor(timeout.toMillis(), TimeUnit.MILLISECONDS)) {
                process.destroyForcibly();
                throw new EngineException(String.join(" ", command) + " did not finish within " + timeout.toSeconds()
                        + " s. Check that the engine works.");
            }
            return new Result(process.exitValue(), Files.readString(output, StandardCharsets.UTF_8));
        } catch (IOException e) {
            throw new EngineException("Running " + command.get(0) + " failed: " + e.getMessage() + ".", e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new EngineException(String.join(" ", command.subList(0, Math.min(2, command.size())))
                    + " was interrupted.", e);
        } finally {
            deleteQuietly(output);
        }
    }

    private static void deleteQuietly(Path file) {
        if (file != null) {
            try {
                Files.deleteIfExists(file);
            } catch (IOException ignored) {
                // a leftover temporary log file is harmless
            }
        }
    }
}
