package io.github.scratchpack.testing;

import static org.junit.jupiter.api.Assertions.fail;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.function.Predicate;

/**
 * A real CNCF distribution registry (Debian's {@code docker-registry serve}) on a free port of 127.0.0.1, with its
 * storage and log in a directory. It can require htpasswd (bcrypt) logins and serve TLS. Close it in a finally block
 * or try-with-resources: it is always stopped, also when a test fails.
 */
public final class LocalRegistry implements AutoCloseable {
    private final Path executable;
    private final Path directory;
    private final int port;
    private final Path log;
    private Process process;

    private LocalRegistry(Path executable, Path directory, int port) {
        this.executable = executable;
        this.directory = directory;
        this.port = port;
        this.log = directory.resolve("registry.log");
    }

    /** Starts a registry that serves plain HTTP to anyone. */
    public static LocalRegistry start(Path directory) throws IOException, InterruptedException {
        return start(directory, null, null, null);
    }

    /**
     * Starts a registry.
     *
     * @param directory where its config, storage and log go
     * @param user a user that logins require (htpasswd with bcrypt), or {@code null} for no login
     * @param password that user's password
     * @param tls the server certificate and key to serve HTTPS with, or {@code null} for plain HTTP
     * @return the running registry
     */
    public static LocalRegistry start(Path directory, String user, String password, TestCertificates tls)
            throws IOException, InterruptedException {
        Path executable = ExternalTool.require("docker-registry");
        Files.createDirectories(directory);
        StringBuilder config = new StringBuilder();
        int port = freePort();
        config.append("version: 0.1\nlog:\n  level: info\n  formatter: text\n  accesslog:\n    disabled: false\n")
                .append("storage:\n  filesystem:\n    rootdirectory: ").append(directory.resolve("storage")).append('\n')
                .append("  delete:\n    enabled: true\n")
                .append("http:\n  addr: 127.0.0.1:").append(port).append('\n');
        if (tls != null) {
            config.append("  tls:\n    certificate: ").append(tls.serverCertificate())
                    .append("\n    key: ").append(tls.serverKey()).append('\n');
        }
        if (user != null) {
            ExternalTool.require("htpasswd");
            String line = ExternalTool.check(List.of("htpasswd", "-Bbn", user, password)).strip();
            Path htpasswd = Files.writeString(directory.resolve("htpasswd"), line + "\n", StandardCharsets.UTF_8);
            config.append("auth:\n  htpasswd:\n    realm: scratchpack-test\n    path: ").append(htpasswd).append('\n');
        }
        Files.writeString(directory.resolve("config.yml"), config, StandardCharsets.UTF_8);
        LocalRegistry registry = new LocalRegistry(executable, directory, port);
        registry.restart();
        return registry;
    }

    /** Starts the registry again, on the same port with the same storage, after {@link #stop()}. */
    public void restart() throws IOException, InterruptedException {
        process = new ProcessBuilder(executable.toString(), "serve", directory.resolve("config.yml").toString())
                .redirectErrorStream(true).redirectOutput(ProcessBuilder.Redirect.appendTo(log.toFile())).start();
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(20);
        while (System.nanoTime() < deadline) {
            if (!process.isAlive()) {
                fail("docker-registry exited with " + process.exitValue() + ":\n" + log());
            }
            try (Socket socket = new Socket()) {
                socket.connect(new InetSocketAddress("127.0.0.1", port), 200);
                return;
            } catch (IOException notYet) {
                Thread.sleep(100);
            }
        }
        stop();
        fail("docker-registry did not listen on 127.0.0.1:" + port + " within 20 s:\n" + log());
    }

    /** Stops the registry at once, as a crash would, cutting off any request in flight. */
    public void stop() throws InterruptedException {
        if (process != null && process.isAlive()) {
            process.destroyForcibly();
            process.waitFor(20, TimeUnit.SECONDS);
        }
    }

    /** {@code 127.0.0.1:<port>}. */
    public String address() {
        return "127.0.0.1:" + port;
    }

    /** The registry's log so far: its access log lines show every request's method, path and status. */
    public String log() throws IOException {
        return Files.exists(log) ? Files.readString(log, StandardCharsets.UTF_8) : "";
    }

    /**
     * The log once at least {@code count} of its lines match, or as it is after {@code timeout}: the registry logs a
     * request when it has answered it.
     */
    public String log(Predicate<String> line, int count, Duration timeout) throws IOException, InterruptedException {
        return ServerLog.once(log, line, count, timeout);
    }

    /** How many blob uploads the registry's access log shows: PATCH or PUT requests on {@code /blobs/uploads/}. */
    public long blobUploadRequests() throws IOException {
        return log().lines().filter(line -> line.matches(".*\"(PATCH|PUT) /v2/[^ ]*/blobs/uploads/.*")).count();
    }

    @Override
    public void close() throws InterruptedException {
        stop();
    }

    private static int freePort() throws IOException {
        try (ServerSocket socket = new ServerSocket(0, 1, java.net.InetAddress.getLoopbackAddress())) {
            return socket.getLocalPort();
        }
    }
}
