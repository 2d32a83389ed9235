package io.github.scratchpack.engine;

import java.io.BufferedReader;
import java.io.File;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;

/**
 * Runs an engine's command lines in a given environment, stderr merged into stdout, each within a time limit: short
 * ones collecting their output, long ones handing on each line as it is printed.
 */
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
            Process process = start(command, input).redirectOutput(output.toFile()).start();
            if (!process.waitFor(timeout.toMillis(), TimeUnit.MILLISECONDS)) {
                process.destroyForcibly();
                throw new EngineException(String.join(" ", command) + " did not finish within " + timeout.toSeconds()
                        + " s. Check that the engine works.");
            }
            // leniently: a localized message in another encoding must show, not fail with "Input length = 1"
            return new Result(process.exitValue(), new String(Files.readAllBytes(output), StandardCharsets.UTF_8));
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

    /**
     * Runs a command, handing on each line of its output as soon as it is printed.
     *
     * @param input a file to read stdin from, or {@code null} for none
     * @param lines receives each line, on another thread than the caller's
     * @param timeout how long it may take; it is killed after that
     * @return the exit code
     * @throws InterruptedException when the calling thread is interrupted; the command is killed first
     */
    int stream(List<String> command, Path input, Consumer<String> lines, Duration timeout)
            throws EngineException, InterruptedException {
        Process process;
        try {
            process = start(command, input).start();
        } catch (IOException e) {
            throw new EngineException("Running " + command.get(0) + " failed: " + e.getMessage() + ".", e);
        }
        Thread reader = new Thread(() -> forwardLines(process, lines), "scratchpack-output-" + process.pid());
        reader.setDaemon(true);
        reader.start();
        try {
            if (!process.waitFor(timeout.toMillis(), TimeUnit.MILLISECONDS)) {
                throw new EngineException(String.join(" ", command.subList(0, Math.min(2, command.size())))
                        + " did not finish within " + timeout.toMinutes() + " min; it was stopped.");
            }
            reader.join();
            return process.exitValue();
        } finally {
            if (process.isAlive()) {
                process.destroyForcibly();
            }
        }
    }

    /**
     * Starts a command that runs beside the caller, handing on each line of its output as it is printed.
     *
     * @param lines receives each line, on another thread than the caller's
     */
    BackgroundCommand background(List<String> command, Consumer<String> lines) throws EngineException {
        return BackgroundCommand.start(start(command, null), command, lines);
    }

    private ProcessBuilder start(List<String> command, Path input) {
        ProcessBuilder builder = new ProcessBuilder(command).redirectErrorStream(true)
                .redirectInput(ProcessBuilder.Redirect.from(input == null ? new File("/dev/null") : input.toFile()));
        builder.environment().clear();
        builder.environment().putAll(environment);
        return builder;
    }

    private static void forwardLines(Process process, Consumer<String> lines) {
        try (BufferedReader output = new BufferedReader(new InputStreamReader(process.getInputStream(), StandardCharsets.UTF_8))) {
            for (String line = output.readLine(); line != null; line = output.readLine()) {
                lines.accept(line);
            }
        } catch (IOException killed) {
            // the process was killed (timeout or interrupt), which the waiting thread reports
        }
    }

    /** Deletes a temporary file, if there is one, ignoring a failure: a leftover temporary file does no harm. */
    static void deleteQuietly(Path file) {
        if (file != null) {
            try {
                Files.deleteIfExists(file);
            } catch (IOException ignored) {
                // a leftover temporary log file is harmless
            }
        }
    }
}
