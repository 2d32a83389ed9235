package io.github.scratchpack.testing;

import static org.junit.jupiter.api.Assertions.fail;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.FileSystems;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.nio.file.attribute.UserPrincipal;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.junit.jupiter.api.Assumptions;

/**
 * A rootless Docker daemon for one test: Debian's {@code dockerd-rootless.sh} (dockerd in rootlesskit's user
 * namespace) run by the unprivileged {@link RootlessUser}, with its socket, data root,
 * exec root and pid file in a directory of that user's under {@code /tmp/sp-rootless-docker-*}. The test, as root,
 * talks to it through {@link #dockerCommand}. {@link #close} stops it with SIGTERM and fails the test if any process
 * of the user is left running. Needs root, and {@code dockerd}, {@code docker}, {@code rootlesskit},
 * {@code slirp4netns} and {@code dockerd-rootless.sh}: skipped without them, failing under {@code CI=true}.
 */
public final class RootlessDockerDaemon implements AutoCloseable {
    private static final Path DEBIAN_SCRIPT = Path.of("/usr/share/docker.io/contrib/dockerd-rootless.sh");
    private static final Duration START_TIMEOUT = Duration.ofSeconds(60);

    private final Path directory;
    private final Process process;
    private final long uid;

    private RootlessDockerDaemon(Path directory, Process process, long uid) {
        this.directory = directory;
        this.process = process;
        this.uid = uid;
    }

    /** Starts the daemon and waits until it answers. */
    public static RootlessDockerDaemon start() throws IOException, InterruptedException {
        if (!"root".equals(System.getProperty("user.name"))) {
            String message = "a rootless Docker daemon for the test user can only be started by root";
            if ("true".equalsIgnoreCase(System.getenv("CI"))) {
                fail(message + " - CI=true, so this test fails instead of skipping");
            }
            Assumptions.abort(message);
        }
        for (String tool : List.of("dockerd", "docker", "rootlesskit", "slirp4netns")) {
            ExternalTool.require(tool);
        }
        // Debian's docker.io ships the script off PATH; Docker's own packages put it on PATH
        Path script = Files.isRegularFile(DEBIAN_SCRIPT) ? DEBIAN_SCRIPT : ExternalTool.require("dockerd-rootless.sh");
        long uid = RootlessUser.create();
        UserPrincipal user = FileSystems.getDefault().getUserPrincipalLookupService().lookupPrincipalByName(RootlessUser.NAME);
        Path directory = Files.createTempDirectory(Path.of("/tmp"), "sp-rootless-docker-");
        Files.setOwner(directory, user);
        ProcessBuilder builder = new ProcessBuilder(RootlessUser.command(List.of("sh", script.toString(),
                "--host", "unix://" + directory.resolve("docker.sock"), "--data-root", directory.resolve("data").toString(),
                "--exec-root", directory.resolve("exec").toString(), "--pidfile", directory.resolve("docker.pid").toString())))
                .directory(directory.toFile()).redirectErrorStream(true).redirectOutput(directory.resolve("daemon.log").toFile());
        RootlessDockerDaemon daemon = new RootlessDockerDaemon(directory, builder.start(), uid);
        long deadline = System.nanoTime() + START_TIMEOUT.toNanos();
        while (ExternalTool.run(Duration.ofSeconds(10), daemon.docker("version")).exitCode() != 0) {
            if (!daemon.process.isAlive() || System.nanoTime() > deadline) {
                String log = Files.readString(directory.resolve("daemon.log"), StandardCharsets.UTF_8);
                daemon.close();
                fail("the rootless Docker daemon did not start:\n" + log);
            }
            Thread.sleep(200);
        }
        return daemon;
    }

    /** The test user's id, which the daemon's containers' root is on the host. */
    public long uid() {
        return uid;
    }

    /** A directory under this daemon's, which belongs to the test user, so that the daemon can mount it. */
    public Path userDirectory(String name) throws IOException {
        Path created = Files.createDirectories(directory.resolve(name));
        Files.setPosixFilePermissions(created, PosixFilePermissions.fromString("rwxr-xr-x"));
        Files.setOwner(created, FileSystems.getDefault().getUserPrincipalLookupService().lookupPrincipalByName(RootlessUser.NAME));
        return created;
    }

    /** This process's environment with {@code DOCKER_HOST} naming this daemon, for code under test. */
    public Map<String, String> environment() {
        Map<String, String> environment = new HashMap<>(System.getenv());
        environment.put("DOCKER_HOST", "unix://" + directory.resolve("docker.sock"));
        return environment;
    }

    /** A docker command line for this daemon. */
    public List<String> docker(String... arguments) {
        List<String> command = new ArrayList<>(List.of("docker", "--host", "unix://" + directory.resolve("docker.sock")));
        command.addAll(List.of(arguments));
        return command;
    }

    /**
     * Writes, into a directory of its own, an executable named {@code docker} that runs the docker CLI against this
     * daemon, for code that looks docker up on a {@code PATH}; returns that directory.
     */
    public Path dockerCommand() throws IOException {
        Path bin = Files.createDirectories(directory.resolve("bin"));
        Path docker = bin.resolve("docker");
        Files.writeString(docker, "#!/bin/sh\nexec " + ExternalTool.require("docker") + " --host unix://"
                + directory.resolve("docker.sock") + " \"$@\"\n", StandardCharsets.UTF_8);
        Files.setPosixFilePermissions(docker, PosixFilePermissions.fromString("rwxr-xr-x"));
        return bin;
    }

    /** Stops the daemon, checks that no process of the test user is left, and deletes the directory. */
    @Override
    public void close() throws IOException, InterruptedException {
        Path pidFile = directory.resolve("docker.pid");
        if (Files.exists(pidFile)) {
            ExternalTool.run(Duration.ofSeconds(10), List.of("kill", "-TERM", Files.readString(pidFile).strip()));
        }
        if (!process.waitFor(30, TimeUnit.SECONDS)) {
            fail("the rootless Docker daemon did not stop within 30 s of SIGTERM");
        }
        try {
            RootlessUser.checkNothingRuns();
        } finally {
            try (Stream<Path> files = Files.walk(directory)) {
                for (Path file : files.sorted(Comparator.reverseOrder()).toList()) {
                    Files.delete(file);
                }
            }
        }
    }
}
