package io.github.scratchpack.smoketest;

import io.github.scratchpack.engine.ContainerEngine;
import io.github.scratchpack.engine.EngineException;
import java.io.IOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalLong;
import java.util.UUID;
import java.util.function.Consumer;

/**
 * Runs an image as production would (its own user, a read-only root file system with a fresh tmpfs on /tmp, no
 * capabilities, no-new-privileges, its ports published on 127.0.0.1 only, or in the host's network when the engine has
 * no bridge network to publish them on), waits until it is ready, and stops and
 * removes it again, also when it fails or the JVM is interrupted. An image is loaded only when the engine does not
 * have it, and then removed afterwards; an image or tag the engine already had is never changed.
 */
public final class SmokeTest {
    private static final long POLL_MILLIS = 200;

    private final ContainerEngine engine;
    private final Consumer<String> warn;

    /**
     * @param engine the engine to run the container in
     * @param warn where to say that something could not be cleaned up
     */
    public SmokeTest(ContainerEngine engine, Consumer<String> warn) {
        this.engine = engine;
        this.warn = warn;
    }

    /** One readiness check, with the host port its container port is published on and how it went. */
    private static final class Probe {
        final ReadinessCheck check;
        final int hostPort;
        final boolean hostNetwork;
        String answer = "not tried";
        boolean passed;

        Probe(ReadinessCheck check, int hostPort, boolean hostNetwork) {
            this.check = check;
            this.hostPort = hostPort;
            this.hostNetwork = hostNetwork;
        }

        String tried() {
            return check.describe() + " (" + (hostNetwork ? "host network, " : "published on ") + "127.0.0.1:" + hostPort
                    + "): " + answer;
        }
    }

    /**
     * Runs the smoke test and writes its report.
     *
     * @return the time from starting the container until it was ready
     * @throws SmokeTestException when the container did not become ready; the message says why
     * @throws EngineException when the engine itself failed
     */
    public Duration run(ImageUnderTest image, SmokeTestSettings settings, Path report)
            throws SmokeTestException, EngineException, IOException {
        Map<String, Object> json = new LinkedHashMap<>();
        Map<String, Object> imageJson = new LinkedHashMap<>();
        imageJson.put("digest", image.digest());
        imageJson.put("id", image.id());
        imageJson.put("tags", image.tags());
        json.put("image", imageJson);
        Map<String, Object> engineJson = new LinkedHashMap<>();
        engineJson.put("name", engine.name());
        engineJson.put("version", engine.version());
        json.put("engine", engineJson);
        boolean hostNetwork = !engine.canPublishPorts();
        List<Probe> probes = probes(image, settings, hostNetwork);
        boolean loaded = loadIfMissing(image);
        String name = "scratchpack-smoke-" + UUID.randomUUID().toString().substring(0, 12);
        List<String> options = options(name, settings, probes, hostNetwork);
        json.put("network", hostNetwork ? "host" : "published");
        json.put("runOptions", options);
        json.put("arguments", settings.arguments());
        Cleanup cleanup = new Cleanup(name, loaded ? image.tags().isEmpty() ? List.of(image.id()) : image.tags() : List.of(),
                settings.stopTimeout());
        Thread hook = new Thread(cleanup, "scratchpack-smoke-test-cleanup");
        Runtime.getRuntime().addShutdownHook(hook);
        Watch watch = new Watch(settings, probes, hostNetwork);
        try {
            engine.startContainer(options, image.id(), settings.arguments());
            Duration ready;
            try (ContainerWatch container = ContainerWatch.start(engine, name, settings.logLine())) {
                ready = watch.untilReady(container);
            }
            json.put("result", "ready");
            json.put("timeToReadyMillis", ready.toMillis());
            return ready;
        } catch (SmokeTestException e) {
            json.put("result", "failed");
            json.put("failure", e.getMessage().lines().findFirst().orElse(""));
            throw e;
        } finally {
            watch.peakMemory().ifPresent(bytes -> json.put("peakMemoryBytes", bytes));
            json.put("checks", checks(probes, settings, watch));
            cleanup.run();
            try {
                Runtime.getRuntime().removeShutdownHook(hook);
            } catch (IllegalStateException shuttingDown) {
                // the hook is running or has run
            }
            Files.createDirectories(report.toAbsolutePath().getParent());
            Files.write(report, io.github.scratchpack.image.Json.bytes(json));
        }
    }

    private boolean loadIfMissing(ImageUnderTest image) throws EngineException, SmokeTestException {
        if (engine.imageId(image.id()).isPresent()) {
            return false;
        }
        for (String tag : image.tags()) {
            Optional<String> other = engine.imageId(tag);
            if (other.isPresent()) {
                throw new SmokeTestException(engine.name() + " already has the tag " + tag + " for another image ("
                        + other.get() + "). Loading this image would move that tag, and the smoke test never changes"
                        + " an image or tag you have: remove it ('" + engine.name() + " rmi " + tag + "') or give"
                        + " this image another tag.");
            }
        }
        engine.load(image.tarball());
        return true;
    }

    private List<Probe> probes(ImageUnderTest image, SmokeTestSettings settings, boolean hostNetwork)
            throws SmokeTestException, IOException {
        List<Probe> probes = new ArrayList<>();
        for (ReadinessCheck check : settings.checks()) {
            if (!image.tcpPorts().contains(check.port())) {
                throw new SmokeTestException("The readiness check '" + check.describe() + "' is for port "
                        + check.port() + ", which the image does not expose (it exposes " + image.tcpPorts()
                        + "). Add it to <ports>, or check another port.");
            }
        }
        for (int port : image.tcpPorts()) {
            ReadinessCheck check = settings.checks().stream().filter(c -> c.port() == port).findFirst()
                    .orElse(ReadinessCheck.of(port, null, false, null));
            if (hostNetwork && inUse(port)) {
                throw new SmokeTestException("Port " + port + " is in use on this machine. " + engine.name() + " here has"
                        + " no bridge network to publish ports on, so the smoke test runs the container in the host's"
                        + " network (--network host), where the service must listen on port " + port + " itself. Stop"
                        + " what uses port " + port + ", or run the smoke test with an engine that has a bridge network.");
            }
            probes.add(new Probe(check, hostNetwork ? port : freePort(), hostNetwork));
        }
        return probes;
    }

    private static boolean inUse(int port) {
        try (ServerSocket socket = new ServerSocket(port)) {
            return false;
        } catch (IOException e) {
            return true;
        }
    }

    private static int freePort() throws IOException {
        try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            return socket.getLocalPort();
        }
    }

    private List<String> options(String name, SmokeTestSettings settings, List<Probe> probes, boolean hostNetwork) {
        List<String> options = new ArrayList<>(List.of("--name", name, "--read-only"));
        if (engine.name().equals("podman")) {
            options.add("--read-only-tmpfs=false"); // podman would otherwise make /var/tmp, /run and /dev/shm writable
        }
        options.addAll(List.of("--tmpfs", "/tmp:rw,mode=1777", "--cap-drop=ALL", "--security-opt=no-new-privileges",
                "--stop-signal=SIGTERM"));
        if (hostNetwork) {
            options.addAll(List.of("--network", "host"));
        } else {
            for (Probe probe : probes) {
                options.addAll(List.of("-p", "127.0.0.1:" + probe.hostPort + ":" + probe.check.port()));
            }
        }
        settings.environment().forEach((key, value) -> options.addAll(List.of("-e", key + "=" + value)));
        return options;
    }

    private static List<Object> checks(List<Probe> probes, SmokeTestSettings settings, Watch watch) {
        List<Object> checks = new ArrayList<>();
        for (Probe probe : probes) {
            Map<String, Object> check = new LinkedHashMap<>();
            check.put("check", probe.check.describe());
            check.put("hostPort", probe.hostPort);
            check.put("passed", probe.passed);
            check.put("answer", probe.answer);
            checks.add(check);
        }
        if (settings.logLine() != null) {
            checks.add(Map.of("check", "log line containing '" + settings.logLine() + "'", "passed", watch.logLineSeen));
        }
        return checks;
    }

    /** Follows the running container until it is ready or fails. */
    private final class Watch {
        private final SmokeTestSettings settings;
        private final List<Probe> probes;
        private final boolean hostNetwork;
        private ContainerWatch container;
        private List<String> reportLines;
        private long pid;
        private boolean logLineSeen;
        private OptionalLong peakMemory = OptionalLong.empty();

        Watch(SmokeTestSettings settings, List<Probe> probes, boolean hostNetwork) {
            this.settings = settings;
            this.probes = probes;
            this.hostNetwork = hostNetwork;
        }

        Duration untilReady(ContainerWatch watched) throws EngineException, SmokeTestException {
            container = watched;
            long start = System.nanoTime();
            long deadline = start + settings.startupTimeout().toNanos();
            try {
                while (true) {
                    Optional<ContainerWatch.Exit> exit = container.exited(deadline);
                    if (exit.isPresent()) {
                        throw failure(StartupDiagnosis.exited(exit.get().code(), exit.get().oomKilled(), logs()));
                    }
                    pid = container.pid(deadline);
                    Optional<List<ListeningSocket>> sockets = sockets();
                    for (Probe probe : probes) {
                        if (!probe.passed) {
                            probe(probe, sockets);
                        }
                    }
                    logLineSeen = container.logLineSeen();
                    if (logLineSeen && probes.stream().allMatch(probe -> probe.passed)) {
                        notePeakMemory();
                        return Duration.ofNanos(System.nanoTime() - start);
                    }
                    if (System.nanoTime() > deadline) {
                        throw failure(notReady(sockets));
                    }
                    Thread.sleep(POLL_MILLIS);
                }
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new SmokeTestException("The smoke test was interrupted; its container is being removed.");
            }
        }

        private void probe(Probe probe, Optional<List<ListeningSocket>> sockets) throws SmokeTestException {
            if (sockets.isPresent()) {
                List<ListeningSocket> onPort = sockets.get().stream().filter(s -> s.port() == probe.check.port()).toList();
                if (onPort.isEmpty()) {
                    probe.answer = "nothing listens on port " + probe.check.port() + " in the container";
                    return;
                }
                if (onPort.stream().allMatch(ListeningSocket::loopback)) {
                    probe.answer = "it listens on " + onPort.get(0) + " only";
                    throw failure(StartupDiagnosis.loopback(onPort.get(0)));
                }
            }
            ReadinessCheck.Attempt attempt = probe.check.probe(probe.hostPort);
            probe.answer = attempt.answer();
            probe.passed = attempt.ready();
        }

        private String notReady(Optional<List<ListeningSocket>> sockets) {
            Optional<String> readOnly = StartupDiagnosis.readOnly(logs());
            if (readOnly.isPresent()) {
                return readOnly.get();
            }
            List<ListeningSocket> listening = sockets.orElse(List.of());
            for (Probe probe : probes) {
                if (!probe.passed && !listening.isEmpty()
                        && listening.stream().noneMatch(s -> s.port() == probe.check.port())) {
                    return StartupDiagnosis.listeningElsewhere(probe.check.port(), listening);
                }
            }
            List<String> tried = new ArrayList<>();
            probes.forEach(probe -> tried.add(probe.tried()));
            if (settings.logLine() != null) {
                tried.add("a log line containing '" + settings.logLine() + "': " + (logLineSeen ? "printed" : "not printed"));
            }
            return StartupDiagnosis.neverReady(settings.startupTimeout().toSeconds(), tried, listening);
        }

        /**
         * The container's listening sockets, or empty when its process cannot be read from here (a remote engine). In
         * the host's network, whose namespace holds every host process's sockets, only those its process holds open:
         * a service bound to loopback answers there, but would not on a published port, as in production.
         */
        private Optional<List<ListeningSocket>> sockets() {
            try {
                return pid > 0 ? Optional.of(ListeningSocket.of(Path.of("/proc", Long.toString(pid)), hostNetwork))
                        : Optional.empty();
            } catch (IOException | RuntimeException e) {
                return Optional.empty();
            }
        }

        /** The log lines for a failure report, asked of the engine once. */
        private List<String> logs() {
            if (reportLines == null) {
                reportLines = container.lastLinesForReport();
            }
            return reportLines;
        }

        private SmokeTestException failure(String cause) {
            notePeakMemory();
            List<String> logs = logs();
            StringBuilder message = new StringBuilder(cause);
            if (logs.isEmpty()) {
                message.append("\nThe container printed nothing.");
            } else {
                message.append("\nThe container's last log lines:");
                logs.forEach(line -> message.append("\n  ").append(line));
            }
            return new SmokeTestException(message.toString());
        }

        private void notePeakMemory() {
            if (pid > 0) {
                OptionalLong now = ContainerMemory.peak(Path.of("/proc", Long.toString(pid)));
                if (now.isPresent()) {
                    peakMemory = OptionalLong.of(Math.max(now.getAsLong(), peakMemory.orElse(0)));
                }
            }
        }

        OptionalLong peakMemory() {
            notePeakMemory();
            return peakMemory;
        }
    }

    /** Stops and removes the container, and the image when this smoke test loaded it; once, from whichever thread comes first. */
    private final class Cleanup implements Runnable {
        private final String container;
        private final List<String> loadedImage;
        private final Duration stopTimeout;
        private boolean done;

        Cleanup(String container, List<String> loadedImage, Duration stopTimeout) {
            this.container = container;
            this.loadedImage = loadedImage;
            this.stopTimeout = stopTimeout;
        }

        @Override
        public synchronized void run() {
            if (done) {
                return;
            }
            done = true;
            try {
                engine.stop(container, stopTimeout);
            } catch (EngineException stopFailed) {
                // never started, or already gone: removing it below says what is left
            }
            try {
                engine.removeContainer(container);
            } catch (EngineException e) {
                warn.accept("The smoke test's container " + container + " could not be removed: " + e.getMessage()
                        + " Remove it with '" + engine.name() + " rm -f " + container + "'.");
            }
            if (!loadedImage.isEmpty()) {
                try {
                    engine.removeImages(loadedImage);
                } catch (EngineException e) {
                    warn.accept("The image the smoke test loaded could not be removed: " + e.getMessage()
                            + " Remove it with '" + engine.name() + " rmi " + String.join(" ", loadedImage) + "'.");
                }
            }
        }
    }
}
