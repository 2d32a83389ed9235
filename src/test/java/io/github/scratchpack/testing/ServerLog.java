package io.github.scratchpack.testing;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.function.Predicate;

/**
 * A test server's log file, read once it holds what a test expects. Servers write a request's line when they have
 * finished with it, which can be after the client has had its answer: a test that read the log at once would race
 * the server.
 */
public final class ServerLog {
    private ServerLog() {
    }

    /**
     * The log once at least {@code count} of its lines match, or as it is after {@code timeout}, for the caller's
     * assertion to show.
     */
    public static String once(Path file, Predicate<String> line, int count, Duration timeout)
            throws IOException, InterruptedException {
        long deadline = System.nanoTime() + timeout.toNanos();
        while (true) {
            String log = Files.exists(file) ? Files.readString(file, StandardCharsets.UTF_8) : "";
            if (log.lines().filter(line).count() >= count || System.nanoTime() > deadline) {
                return log;
            }
            Thread.sleep(100);
        }
    }
}
