package io.github.scratchpack.engine;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.OptionalInt;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;

/**
 * An engine command that runs beside the caller for as long as it needs, such as {@code logs --follow} or
 * {@code wait}, handing on each line it prints as it comes. One process serves the whole watch, instead of one per
 * poll. Closing it kills the process if it still runs.
 */
public final class BackgroundCommand implements AutoCloseable {
    private final Process process;
    private final Thread reader;

    private BackgroundCommand(Process process, Consumer<String> lines) {
        this.process = process;
        this.reader = new Thread(() -> forward(lines), "scratchpack-follow-" + process.pid());
        reader.setDaemon(true);
        reader.start();
    }

    static BackgroundCommand start(ProcessBuilder builder, List<String> command, Consumer<String> lines)
            throws EngineException {
        try {
            return new BackgroundCommand(builder.start(), lines);
        } catch (IOException e) {
            throw new EngineException("Running " + command.get(0) + " failed: " + e.getMessage() + ".", e);
        }
    }

    /** Whether the command has ended, waiting at most {@code timeout}; its output has been handed on when it has. */
    public boolean awaitEnd(Duration timeout) throws InterruptedException {
        long deadline = System.nanoTime() + timeout.toNanos();
        if (!process.waitFor(timeout.toNanos(), TimeUnit.NANOSECONDS)) {
            return false;
        }
        reader.join(Math.max(1, TimeUnit.NANOSECONDS.toMillis(deadline - System.nanoTime())));
        return !reader.isAlive();
    }

    /** The exit code, once the command has ended. */
    public OptionalInt exitCode() {
        return process.isAlive() ? OptionalInt.empty() : OptionalInt.of(process.exitValue());
    }

    @Override
    public void close() {
        if (process.isAlive()) {
            process.destroyForcibly();
        }
    }

    private void forward(Consumer<String> lines) {
        try (BufferedReader output = new BufferedReader(new InputStreamReader(process.getInputStream(),
                StandardCharsets.UTF_8))) {
            for (String line = output.readLine(); line != null; line = output.readLine()) {
                lines.accept(line);
            }
        } catch (IOException killed) {
            // the command was killed when it was closed; what it printed until then has been handed on
        }
    }
}
