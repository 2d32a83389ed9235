package io.github.scratchpack.testing;

import static org.junit.jupiter.api.Assertions.fail;

import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Duration;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.function.Predicate;
import java.util.stream.Stream;

/**
 * A real forward proxy (Debian's {@code squid}) on a free port of 127.0.0.1 that requires a proxy login (Basic, from
 * an htpasswd file) and resolves host names from its own hosts file, so that a test can name a registry that only the
 * proxy can reach: the name does not resolve anywhere else. Its access log shows each request ({@code CONNECT} for
 * HTTPS, absolute {@code GET}/{@code PUT} for plain HTTP) with the proxy user. Its files live in a directory of its own
 * that squid's unprivileged user can write; closing stops squid, checks that it exited, and deletes the directory.
 */
public final class ForwardProxy implements AutoCloseable {
    private final Path directory;
    private final int port;
    private final Process process;

    private ForwardProxy(Path directory, int port, Process process) {
        this.directory = directory;
        this.port = port;
        this.process = process;
    }

    /**
     * Starts squid.
     *
     * @param user the proxy user that every request must log in as
     * @param password that user's password
     * @param hosts the names the proxy resolves, each to an address, such as {@code registry.scratchpack.invalid} to
     *     {@code 127.0.0.1}
     * @return the running proxy
     */
    public static ForwardProxy start(String user, String password, Map<String, String> hosts)
            throws IOException, InterruptedException {
        Path squid = ExternalTool.require("squid");
        Path helper = Path.of("/usr/lib/squid/basic_ncsa_auth");
        if (!Files.isExecutable(helper)) {
            fail(helper + " is missing; it comes with Debian's squid package");
        }
        ExternalTool.require("htpasswd");
        Path directory = Files.createTempDirectory("sp-squid-");
        Files.setPosixFilePermissions(directory, PosixFilePermissions.fromString("rwxrwxrwx"));
        String htpasswd = ExternalTool.check(List.of("htpasswd", "-Bbn", user, password)).strip();
        Files.writeString(directory.resolve("htpasswd"), htpasswd + "\n", StandardCharsets.UTF_8);
        StringBuilder hostLines = new StringBuilder();
        hosts.forEach((name, address) -> hostLines.append(address).append(' ').append(name).append('\n'));
        Files.writeString(directory.resolve("hosts"), hostLines, StandardCharsets.UTF_8);
        int port = freePort();
        String config = "http_port 127.0.0.1:" + port + "\n"
                + "pid_filename " + directory.resolve("squid.pid") + "\n"
                + "cache_effective_user proxy\n"
                + "access_log stdio:" + directory.resolve("access.log") + "\n"
                + "cache_log " + directory.resolve("cache.log") + "\n"
                + "buffered_logs off\ncache_store_log none\nlogfile_rotate 0\ncache deny all\ncache_mem 1 MB\n"
                + "hosts_file " + directory.resolve("hosts") + "\n"
                + "coredump_dir " + directory + "\n"
                + "shutdown_lifetime 0 seconds\npinger_enable off\nnetdb_filename none\n"
                + "auth_param basic program " + helper + " " + directory.resolve("htpasswd") + "\n"
                + "auth_param basic realm scratchpack-test\n"
                + "acl authenticated proxy_auth REQUIRED\n"
                + "http_access allow authenticated\nhttp_access deny all\n";
        Files.writeString(directory.resolve("squid.conf"), config, StandardCharsets.UTF_8);
        for (Path file : List.of(directory.resolve("htpasswd"), directory.resolve("hosts"), directory.resolve("squid.conf"))) {
            Files.setPosixFilePermissions(file, PosixFilePermissions.fromString("rw-r--r--"));
        }
        Process process = new ProcessBuilder(squid.toString(), "-N", "-f", directory.resolve("squid.conf").toString())
                .redirectErrorStream(true).redirectOutput(directory.resolve("squid.out").toFile()).start();
        ForwardProxy proxy = new ForwardProxy(directory, port, process);
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(30);
        while (System.nanoTime() < deadline) {
            if (!process.isAlive()) {
                String output = proxy.read("squid.out") + proxy.read("cache.log");
                proxy.close();
                fail("squid exited with " + process.exitValue() + ":\n" + output);
            }
            try (Socket socket = new Socket()) {
                socket.connect(new InetSocketAddress("127.0.0.1", port), 200);
                return proxy;
            } catch (IOException notYet) {
                Thread.sleep(100);
            }
        }
        String output = proxy.read("cache.log");
        proxy.close();
        fail("squid did not listen on 127.0.0.1:" + port + " within 30 s:\n" + output);
        return null;
    }

    /** {@code 127.0.0.1:<port>}. */
    public String address() {
        return "127.0.0.1:" + port;
    }

    /**
     * Where squid's files are: {@code squid.pid} and {@code access.log}. An integration test's verify script stops
     * squid by that pid and deletes the directory, as the proxy object does not outlive the setup script.
     */
    public Path directory() {
        return directory;
    }

    /** The port. */
    public int port() {
        return port;
    }

    /**
     * The access log once it holds at least {@code count} lines that match, or as it is after {@code timeout}: one line
     * per request, with its method, URL or {@code CONNECT} target, and user. squid writes a request's line when it has
     * finished with it (a tunnel's when the tunnel closes), which can be after the client has had its answer.
     */
    public String accessLog(Predicate<String> line, int count, Duration timeout) throws IOException, InterruptedException {
        return ServerLog.once(directory.resolve("access.log"), line, count, timeout);
    }

    /** Stops squid, fails if it does not exit, and deletes its directory. */
    @Override
    public void close() throws IOException, InterruptedException {
        process.destroy();
        if (!process.waitFor(20, TimeUnit.SECONDS)) {
            process.destroyForcibly();
            process.waitFor(10, TimeUnit.SECONDS);
        }
        boolean exited = !process.isAlive() && process.descendants().noneMatch(ProcessHandle::isAlive);
        try (Stream<Path> files = Files.walk(directory)) {
            for (Path file : files.sorted(Comparator.reverseOrder()).toList()) {
                Files.deleteIfExists(file);
            }
        }
        if (!exited) {
            fail("squid did not stop");
        }
    }

    private String read(String name) throws IOException {
        Path file = directory.resolve(name);
        return Files.exists(file) ? Files.readString(file, StandardCharsets.ISO_8859_1) : "";
    }

    private static int freePort() throws IOException {
        try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            return socket.getLocalPort();
        }
    }
}
