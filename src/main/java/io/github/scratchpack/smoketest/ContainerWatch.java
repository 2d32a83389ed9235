package io.github.scratchpack.smoketest;

import io.github.scratchpack.engine.BackgroundCommand;
import io.github.scratchpack.engine.ContainerEngine;
import io.github.scratchpack.engine.EngineException;
import java.time.Duration;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.List;
import java.util.Optional;

/**
 * What the smoke test learns of its running container, through a bounded number of engine processes whatever the
 * startup takes: one {@code logs --follow} that reads the log as it is printed, one {@code wait} that ends when the
 * container does, a few {@code inspect} calls for its process id and, once it has ended, its exit, and one
 * {@code logs} call for a failure report. An engine call
 * that is slow to answer is asked again while there is time, and never fails the watch by itself.
 */
final class ContainerWatch implements AutoCloseable {
    static final int KEPT_LINES = 20;
    private static final Duration CALL_TIMEOUT = Duration.ofSeconds(10);
    private static final Duration LOG_DRAIN = Duration.ofSeconds(5);
    private static final int PID_ATTEMPTS = 3;
    private static final int WAIT_RESTARTS = 2;

    /** How the container ended. */
    record Exit(int code, boolean oomKilled) {
    }

    private final ContainerEngine engine;
    private final String name;
    private final String logLine;
    private final Deque<String> lastLines = new ArrayDeque<>();
    private final BackgroundCommand log;
    private BackgroundCommand exit;
    private volatile boolean logLineSeen;
    private long pid;
    private int pidAttempts;
    private int waitRestarts;

    private ContainerWatch(ContainerEngine engine, String name, String logLine) throws EngineException {
        this.engine = engine;
        this.name = name;
        this.logLine = logLine;
        this.logLineSeen = logLine == null;
        this.log = engine.followLogs(name, this::line);
        try {
            this.exit = engine.awaitExit(name);
        } catch (EngineException e) {
            log.close();
            throw e;
        }
    }

    /**
     * Starts watching a container that has been started.
     *
     * @param logLine text that a log line must contain before the service counts as ready, or {@code null}
     */
    static ContainerWatch start(ContainerEngine engine, String name, String logLine) throws EngineException {
        return new ContainerWatch(engine, name, logLine);
    }

    private synchronized void line(String line) {
        if (logLine != null && line.contains(logLine)) {
            logLineSeen = true;
        }
        lastLines.addLast(line);
        if (lastLines.size() > KEPT_LINES) {
            lastLines.removeFirst();
        }
    }

    /** Whether the log line has been printed (always, when none is asked for). */
    boolean logLineSeen() {
        return logLineSeen;
    }

    /** The container's last log lines so far, at most {@link #KEPT_LINES}. */
    private synchronized List<String> lastLines() {
        return List.copyOf(lastLines);
    }

    /**
     * The container's last log lines for a failure report: asked of the engine once more, since the followed log may
     * lag behind what the service has just printed; the lines followed so far when the engine does not answer.
     */
    List<String> lastLinesForReport() {
        try {
            return engine.logs(name, KEPT_LINES);
        } catch (EngineException notNow) {
            return lastLines();
        }
    }

    /**
     * The process id of the container's entrypoint on the engine's host, or 0 while it is not known; the engine is
     * asked at most a few times in all.
     */
    long pid(long deadlineNanos) {
        if (pid == 0 && pidAttempts < PID_ATTEMPTS && System.nanoTime() < deadlineNanos) {
            pidAttempts++;
            try {
                pid = Long.parseLong(engine.inspect(name, "{{.State.Pid}}", callTimeout(deadlineNanos)).strip());
            } catch (EngineException | NumberFormatException slowOrGone) {
                // asked again on a later round; the readiness checks go on meanwhile
            }
        }
        return pid;
    }

    /**
     * How the container ended, or empty while it runs. Its log has been read to the end when it has ended.
     *
     * @throws EngineException when the engine cannot say how a container that has ended exited
     */
    Optional<Exit> exited(long deadlineNanos) throws EngineException, InterruptedException {
        if (exit.exitCode().isEmpty()) {
            return Optional.empty();
        }
        String[] state = state(deadlineNanos);
        if (state[0].equals("exited") || state[0].equals("stopped")) {
            log.awaitEnd(LOG_DRAIN);
            return Optional.of(new Exit(Integer.parseInt(state[1]), Boolean.parseBoolean(state[2])));
        }
        if (waitRestarts < WAIT_RESTARTS) {
            // the wait itself failed (the engine was restarted, say) while the container runs on
            waitRestarts++;
            exit.close();
            exit = engine.awaitExit(name);
        }
        return Optional.empty();
    }

    private String[] state(long deadlineNanos) throws EngineException, InterruptedException {
        long lastChance = Math.max(deadlineNanos, System.nanoTime() + CALL_TIMEOUT.toNanos());
        while (true) {
            try {
                return engine.inspect(name, "{{.State.Status}} {{.State.ExitCode}} {{.State.OOMKilled}}",
                        callTimeout(lastChance)).split(" ");
            } catch (EngineException e) {
                if (System.nanoTime() >= lastChance) {
                    throw e;
                }
                Thread.sleep(200);
            }
        }
    }

    private static Duration callTimeout(long deadlineNanos) {
        long left = deadlineNanos - System.nanoTime();
        return left < Duration.ofSeconds(1).toNanos() ? Duration.ofSeconds(1)
                : left > CALL_TIMEOUT.toNanos() ? CALL_TIMEOUT : Duration.ofNanos(left);
    }

    @Override
    public void close() {
        log.close();
        exit.close();
    }
}
