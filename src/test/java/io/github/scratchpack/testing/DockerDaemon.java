package io.github.scratchpack.testing;

import static org.junit.jupiter.api.Assertions.fail;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;

/**
 * A private Docker Engine daemon for one test: its own socket, data root and exec root under a short directory in
 * /tmp (unix socket paths are limited to about 100 characters), no iptables and no bridge network, as this kind of
 * machine has none. {@link #close()} stops it with SIGTERM and fails the test unless it left nothing behind: no
 * process naming its directory (dockerd, the containerd it started, shims), no mount under its directory, no socket.
 * A missing dockerd, docker, containerd or runc skips the test, or fails it under {@code CI=true}.
 *
 * <p>{@link #startRemote(Path)} starts one that stands for a remote engine: reached over TCP on 127.0.0.1 only, and run
 * in a mount namespace of its own in which a directory of the test is an empty tmpfs, so that the daemon cannot see
 * what the test writes there and a bind mount of it would show nothing. dockerd warns that TCP without TLS is
 * insecure; on the loopback address, for one test, that is fine.
 */
public final class DockerDaemon implements AutoCloseable {
    private static final Duration START_TIMEOUT = Duration.ofSeconds(60);
    private static final Duration STOP_TIMEOUT = Duration.ofSeconds(60);

    private final Path directory;
    private final Path socket;
    private final String host;
    private final Path docker;
    private final Process process;

    private DockerDaemon(Path directory, String host, Path docker, Process process) {
        this.directory = directory;
        this.socket = directory.resolve("docker.sock");
        this.host = host;
        this.docker = docker;
        this.process = process;
    }

    /** Starts a daemon on a unix socket and waits until it answers. */
    public static DockerDaemon start() throws IOException, InterruptedException {
        return startIn(Files.createTempDirectory(Path.of("/tmp"), "sp-docker-"));
    }

    /**
     * Starts a daemon with its socket, {@code docker.sock}, and everything else in {@code directory}, which the caller
     * chose so that it can name the socket in advance, as an IT's invoker.properties does. Keep the path short.
     */
    public static DockerDaemon startIn(Path directory) throws IOException, InterruptedException {
        Files.createDirectories(directory);
        String host = "unix://" + directory.toAbsolutePath().resolve("docker.sock");
        return start(directory.toAbsolutePath(), host, dockerd(directory.toAbsolutePath(), host));
    }

    /**
     * Starts a daemon that stands for a remote engine: it listens on a free TCP port of 127.0.0.1 and does not see
     * {@code hidden}, over which its mount namespace has an empty tmpfs. Needs unshare (util-linux) and root.
     */
    public static DockerDaemon startRemote(Path hidden) throws IOException, InterruptedException {
        Path unshare = ExternalTool.require("unshare");
        Path directory = Files.createTempDirectory(Path.of("/tmp"), "sp-docker-");
        String host = "tcp://127.0.0.1:" + LocalHttp.freePort();
        List<String> command = new ArrayList<>(List.of(unshare.toString(), "--mount", "--propagation", "private", "sh",
                "-c", "mount -t tmpfs scratchpack-hidden \"$0\" && exec \"$@\"", hidden.toAbsolutePath().toString()));
        command.addAll(dockerd(directory, host));
        return start(directory, host, command);
    }

    private static List<String> dockerd(Path directory, String host) {
        Path dockerd = ExternalTool.require("dockerd");
        ExternalTool.require("containerd");
        ExternalTool.require("runc");
        return List.of(dockerd.toString(), "--iptables=false", "--ip6tables=false", "--bridge=none", "--host", host,
                "--data-root", directory.resolve("data").toString(), "--exec-root", directory.resolve("exec").toString(),
                "--pidfile", directory.resolve("dockerd.pid").toString());
    }

    private static DockerDaemon start(Path directory, String host, List<String> command)
            throws IOException, InterruptedException {
        Path docker = ExternalTool.require("docker");
        ProcessBuilder builder = new ProcessBuilder(command).redirectErrorStream(true)
                .redirectOutput(directory.resolve("dockerd.log").toFile());
        DockerDaemon daemon = new DockerDaemon(directory, host, docker, builder.start());
        try {
            daemon.awaitAnswer();
        } catch (IOException | InterruptedException | RuntimeException | AssertionError e) {
            daemon.close();
            throw e;
        }
        return daemon;
    }

    private void awaitAnswer() throws IOException, InterruptedException {
        long deadline = System.nanoTime() + START_TIMEOUT.toNanos();
        while (true) {
            if (!process.isAlive()) {
                fail("dockerd exited with " + process.exitValue() + " at start:\n" + log());
            }
            if (ExternalTool.run(Duration.ofSeconds(10), command("version")).exitCode() == 0) {
                return;
            }
            if (System.nanoTime() > deadline) {
                fail("dockerd did not answer within " + START_TIMEOUT.toSeconds() + " s:\n" + log());
            }
            Thread.sleep(200);
        }
    }

    /** The value of {@code DOCKER_HOST} that reaches this daemon. */
    public String host() {
        return host;
    }

    /** The socket of the containerd that dockerd started. */
    public Path containerdSocket() {
        return directory.resolve("exec/containerd/containerd.sock");
    }

    /** This process's environment with {@code DOCKER_HOST} naming this daemon, for code under test. */
    public Map<String, String> environment() {
        Map<String, String> environment = new HashMap<>(System.getenv());
        environment.put("DOCKER_HOST", host());
        return environment;
    }

    /** A docker command line that talks to this daemon. */
    public List<String> command(String... arguments) {
        List<String> command = new ArrayList<>(List.of(docker.toString(), "--host", host()));
        command.addAll(List.of(arguments));
        return command;
    }

    /** Runs a docker command against this daemon, failing the test unless it exits with 0; returns its output. */
    public String check(String... arguments) throws IOException, InterruptedException {
        return ExternalTool.check(command(arguments));
    }

    private String log() throws IOException {
        Path log = directory.resolve("dockerd.log");
        if (!Files.exists(log)) {
            return "(no log)";
        }
        List<String> lines = Files.readAllLines(log, StandardCharsets.UTF_8);
        return String.join("\n", lines.subList(Math.max(0, lines.size() - 30), lines.size()));
    }

    /**
     * Sends the daemon SIGTERM when the JVM exits, for a caller that may end before {@link #close()}, such as an
     * invoker setup script whose build fails. The hook calls only the JDK's {@link Process}: by the time it runs, the
     * class loader of a script (and of this class, on the script's test class path) may be closed, and a Groovy
     * closure as the hook would then fail to load its own classes and leave the daemon running.
     */
    public void stopAtExit() {
        Process daemon = process;
        Runtime.getRuntime().addShutdownHook(new Thread(daemon::destroy));
    }

    /**
     * Stops the daemon with SIGTERM, waits for it to exit, and fails the test when a process, a mount or the socket of
     * it remains; then deletes its directory.
     */
    @Override
    public void close() throws IOException, InterruptedException {
        List<String> problems = new ArrayList<>();
        process.destroy();
        if (!process.waitFor(STOP_TIMEOUT.toMillis(), java.util.concurrent.TimeUnit.MILLISECONDS)) {
            process.destroyForcibly().waitFor();
            problems.add("dockerd did not exit within " + STOP_TIMEOUT.toSeconds() + " s of SIGTERM");
        }
        long deadline = System.nanoTime() + Duration.ofSeconds(10).toNanos();
        List<String> left = processesNamingDirectory();
        while (!left.isEmpty() && System.nanoTime() < deadline) {
            Thread.sleep(100);
            left = processesNamingDirectory();
        }
        if (!left.isEmpty()) {
            problems.add("processes left running: " + left);
        }
        unmountHostNetworkNamespace(problems);
        List<String> mounts = Files.readAllLines(Path.of("/proc/self/mountinfo")).stream()
                .map(line -> line.split(" ")[4]).filter(point -> point.startsWith(directory.toString())).toList();
        if (!mounts.isEmpty()) {
            problems.add("mounts left: " + mounts);
        }
        if (Files.exists(socket)) {
            problems.add("the socket " + socket + " is left");
        }
        String log = log();
        if (problems.isEmpty()) {
            deleteRecursively(directory);
        } else {
            fail("The test's dockerd left something behind in " + directory + ": " + String.join("; ", problems)
                    + "\n" + log);
        }
    }

    /**
     * Once a container has run with {@code --network host}, dockerd 20.10 keeps the host's network namespace
     * bind-mounted on {@code <exec-root>/netns/default} for its next start, and leaves it mounted when it exits. That one
     * mount is the daemon's by design, so it is unmounted here; any other mount left fails the test.
     */
    private void unmountHostNetworkNamespace(List<String> problems) throws IOException, InterruptedException {
        String point = directory.resolve("exec/netns/default").toString();
        boolean mounted = Files.readAllLines(Path.of("/proc/self/mountinfo")).stream()
                .anyMatch(line -> line.split(" ")[4].equals(point));
        if (mounted) {
            ExternalTool.Result umount = ExternalTool.run(Duration.ofSeconds(30), List.of("umount", point));
            if (umount.exitCode() != 0) {
                problems.add("umount " + point + " failed: " + umount.output().strip());
            }
        }
    }

    private List<String> processesNamingDirectory() throws IOException {
        List<String> found = new ArrayList<>();
        try (Stream<Path> entries = Files.list(Path.of("/proc"))) {
            for (Path entry : entries.filter(p -> p.getFileName().toString().matches("\\d+")).toList()) {
                try {
                    String commandLine = new String(Files.readAllBytes(entry.resolve("cmdline")), StandardCharsets.UTF_8)
                            .replace('\0', ' ').strip();
                    if (commandLine.contains(directory.toString())) {
                        found.add(entry.getFileName() + " " + commandLine);
                    }
                } catch (IOException gone) {
                    // the process ended while we looked
                }
            }
        }
        return found;
    }

    private static void deleteRecursively(Path directory) throws IOException {
        try (Stream<Path> paths = Files.walk(directory)) {
            for (Path path : paths.sorted(Comparator.reverseOrder()).toList()) {
                Files.deleteIfExists(path);
            }
        }
    }
}
