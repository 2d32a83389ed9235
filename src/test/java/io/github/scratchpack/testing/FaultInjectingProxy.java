package io.github.scratchpack.testing;

import java.io.BufferedInputStream;
import java.io.ByteArrayOutputStream;
import java.io.EOFException;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.regex.Pattern;

/**
 * Stands in for a flaky network and an overloaded registry: a TCP proxy on 127.0.0.1 in front of a real registry that
 * the test controls. It can
 * <ul>
 *   <li>cut a connection abruptly (a TCP reset on both sides) once a chosen number of bytes has gone from the client
 *       to the registry since it was armed, as a registry dying mid-upload would, and</li>
 *   <li>answer the next requests itself with a scripted status (500, 429 with {@code Retry-After}...) and
 *       {@code Connection: close}, after reading the whole request, as an overloaded registry would.</li>
 * </ul>
 * It reads HTTP/1.1 requests (head, then the body by {@code Content-Length} or chunked) so it knows where each one
 * starts; it keeps a log of them with their byte offsets. A connection whose first byte is 0x16 is a TLS handshake,
 * such as the push's connection check: it is passed through untouched and counts for nothing. Close it in a finally
 * block or try-with-resources: it always stops, also when a test fails.
 */
public final class FaultInjectingProxy implements AutoCloseable {
    private static final int TLS_HANDSHAKE = 0x16;
    private static final int MAX_HEAD_BYTES = 64 * 1024;

    /**
     * One request the proxy saw.
     *
     * @param offset how many bytes had gone to the registry through the proxy before it
     * @param line the request line, such as {@code PATCH /v2/demo/app/blobs/uploads/... HTTP/1.1}
     * @param headBytes the size of the request line and headers
     * @param bodyBytes the size of the body as sent, chunk framing included
     * @param scripted whether the proxy answered it itself instead of forwarding it
     */
    public record Request(long offset, String line, long headBytes, long bodyBytes, boolean scripted) {
    }

    private final ServerSocket server;
    private final InetSocketAddress upstream;
    private final Thread acceptor;
    private final Set<Socket> sockets = ConcurrentHashMap.newKeySet();
    private final List<Request> requests = new CopyOnWriteArrayList<>();
    private final List<String> cuts = new CopyOnWriteArrayList<>();
    private final AtomicInteger scriptedAnswers = new AtomicInteger();
    private final Object lock = new Object();
    private volatile boolean closed;

    // Guarded by lock.
    private long forwarded;
    private long cutAfter = -1;
    private long sinceArmed;
    private Pattern countFrom;
    private int cutsLeft;
    private int answersLeft;
    private String answerStatus;
    private String answerRetryAfter;
    private Pattern answerMatching;

    private FaultInjectingProxy(ServerSocket server, InetSocketAddress upstream) {
        this.server = server;
        this.upstream = upstream;
        this.acceptor = new Thread(this::accept, "fault-proxy-accept-" + server.getLocalPort());
        acceptor.setDaemon(true);
    }

    /**
     * Starts a proxy on a free port of 127.0.0.1 that forwards to a server.
     *
     * @param upstreamAddress the server's {@code host:port}, such as {@link LocalRegistry#address()}
     */
    public static FaultInjectingProxy start(String upstreamAddress) throws IOException {
        int colon = upstreamAddress.lastIndexOf(':');
        InetSocketAddress upstream = new InetSocketAddress(upstreamAddress.substring(0, colon),
                Integer.parseInt(upstreamAddress.substring(colon + 1)));
        FaultInjectingProxy proxy = new FaultInjectingProxy(new ServerSocket(0, 50, InetAddress.getLoopbackAddress()),
                upstream);
        proxy.acceptor.start();
        return proxy;
    }

    /** {@code 127.0.0.1:<port>}: what the client is pointed at instead of the registry. */
    public String address() {
        return "127.0.0.1:" + server.getLocalPort();
    }

    /**
     * Arms a cut: the connection that carries the {@code bytes}-th byte to the registry, counted from now, is reset on
     * both sides right after that byte. After a cut the count starts again, until {@code times} connections were cut.
     */
    public void cutAfter(long bytes, int times) {
        cutAfter(bytes, times, null);
    }

    /**
     * Arms a cut as {@link #cutAfter(long, int)} does, but counts from the first byte of the next request whose
     * request line matches {@code fromRequest} (a regular expression found anywhere in the line), so that the cut
     * falls at the same place of a push even when earlier requests differ in length by a few bytes.
     */
    public void cutAfter(long bytes, int times, String fromRequest) {
        synchronized (lock) {
            cutAfter = bytes;
            sinceArmed = 0;
            cutsLeft = times;
            countFrom = fromRequest == null ? null : Pattern.compile(fromRequest);
        }
    }

    /**
     * Answers the next {@code times} requests whose request line matches {@code requestLine} (a regular expression
     * found anywhere in the line) itself, with {@code status} and {@code Connection: close}, instead of forwarding them.
     *
     * @param status the status line's code and reason, such as {@code "429 Too Many Requests"}
     * @param retryAfter the {@code Retry-After} header's value, or {@code null} for none
     */
    public void answer(int times, String status, String retryAfter, String requestLine) {
        synchronized (lock) {
            answersLeft = times;
            answerStatus = status;
            answerRetryAfter = retryAfter;
            answerMatching = Pattern.compile(requestLine);
        }
    }

    /** The request line of each request that a cut broke off, so far. */
    public List<String> cuts() {
        return List.copyOf(cuts);
    }

    /** How many requests the proxy answered itself so far. */
    public int scriptedAnswers() {
        return scriptedAnswers.get();
    }

    /** How many bytes went to the registry so far over HTTP connections. */
    public long forwardedBytes() {
        synchronized (lock) {
            return forwarded;
        }
    }

    /** Every HTTP request seen so far, in the order they started. */
    public List<Request> requests() {
        return List.copyOf(requests);
    }

    @Override
    public void close() throws InterruptedException {
        closed = true;
        try {
            server.close();
        } catch (IOException ignored) {
            // Closing is all that is wanted.
        }
        sockets.forEach(FaultInjectingProxy::reset);
        acceptor.join(TimeUnit.SECONDS.toMillis(10));
    }

    private void accept() {
        while (!closed) {
            try {
                Socket client = server.accept();
                sockets.add(client);
                Thread connection = new Thread(() -> serve(client), "fault-proxy-" + client.getPort());
                connection.setDaemon(true);
                connection.start();
            } catch (IOException e) {
                return;
            }
        }
    }

    /** One client connection: passes a TLS handshake through, else reads and forwards or answers its requests. */
    private void serve(Socket client) {
        Socket registry = null;
        try {
            InputStream in = new BufferedInputStream(client.getInputStream());
            in.mark(1);
            int first = in.read();
            if (first < 0) {
                return;
            }
            in.reset();
            if (first == TLS_HANDSHAKE) {
                registry = connect();
                pump(registry.getInputStream(), client.getOutputStream(), client, registry);
                in.transferTo(registry.getOutputStream());
                return;
            }
            while (true) {
                byte[] head = readHead(in);
                if (head == null) {
                    return;
                }
                String text = new String(head, StandardCharsets.ISO_8859_1);
                String line = text.substring(0, text.indexOf("\r\n"));
                String scriptedStatus = takeScriptedAnswer(line);
                if (scriptedStatus != null) {
                    long bodyBytes = copyBody(text, in, null);
                    requests.add(new Request(forwardedBytes(), line, head.length, bodyBytes, true));
                    answer(client, line, scriptedStatus);
                    return;
                }
                if (registry == null) {
                    registry = connect();
                    pump(registry.getInputStream(), client.getOutputStream(), client, registry);
                }
                startCounting(line);
                long offset = forwardedBytes();
                int index = requests.size();
                requests.add(new Request(offset, line, head.length, -1, false));
                OutputStream toRegistry = registry.getOutputStream();
                forward(line, head, head.length, toRegistry, client, registry);
                Socket target = registry;
                long bodyBytes = copyBody(text, in,
                        (buffer, length) -> forward(line, buffer, length, toRegistry, client, target));
                requests.set(index, new Request(offset, line, head.length, bodyBytes, false));
            }
        } catch (IOException e) {
            // A cut, or either side hung up: the connection ends.
        } finally {
            reset(client);
            if (registry != null) {
                reset(registry);
                sockets.remove(registry);
            }
            sockets.remove(client);
        }
    }

    private Socket connect() throws IOException {
        Socket registry = new Socket();
        sockets.add(registry);
        registry.connect(upstream, 10_000);
        return registry;
    }

    /** Copies the registry's answers back to the client until either side closes. */
    private void pump(InputStream from, OutputStream to, Socket client, Socket registry) {
        Thread thread = new Thread(() -> {
            try {
                from.transferTo(to);
                to.flush();
                client.shutdownOutput();
            } catch (IOException e) {
                reset(client);
                reset(registry);
            }
        }, "fault-proxy-answers-" + client.getPort());
        thread.setDaemon(true);
        thread.start();
    }

    /** Sends bytes to the registry, or only those up to an armed cut, and then resets both sides. */
    private void forward(String line, byte[] buffer, int length, OutputStream toRegistry, Socket client,
                         Socket registry) throws IOException {
        int allowed = length;
        boolean cut = false;
        synchronized (lock) {
            if (cutsLeft > 0 && countFrom == null && sinceArmed + length >= cutAfter) {
                allowed = (int) (cutAfter - sinceArmed);
                cut = true;
                cutsLeft--;
                sinceArmed = 0;
            } else if (countFrom == null) {
                sinceArmed += length;
            }
            forwarded += allowed;
        }
        toRegistry.write(buffer, 0, allowed);
        if (cut) {
            toRegistry.flush();
            cuts.add(line);
            reset(client);
            reset(registry);
            throw new EOFException("cut by the test");
        }
    }

    private void startCounting(String line) {
        synchronized (lock) {
            if (countFrom != null && countFrom.matcher(line).find()) {
                countFrom = null;
                sinceArmed = 0;
            }
        }
    }

    private String takeScriptedAnswer(String line) {
        synchronized (lock) {
            if (answersLeft > 0 && answerMatching.matcher(line).find()) {
                answersLeft--;
                return answerStatus;
            }
            return null;
        }
    }

    private void answer(Socket client, String line, String status) throws IOException {
        String retryAfter;
        synchronized (lock) {
            retryAfter = answerRetryAfter;
        }
        String code = status.startsWith("429") ? "TOOMANYREQUESTS" : "UNKNOWN";
        byte[] body = ("{\"errors\":[{\"code\":\"" + code + "\",\"message\":\"" + status + ", scripted by the test\"}]}")
                .getBytes(StandardCharsets.UTF_8);
        StringBuilder head = new StringBuilder("HTTP/1.1 ").append(status).append("\r\n")
                .append("Content-Type: application/json\r\n")
                .append("Docker-Distribution-Api-Version: registry/2.0\r\n")
                .append("Content-Length: ").append(body.length).append("\r\n")
                .append("Connection: close\r\n");
        if (retryAfter != null) {
            head.append("Retry-After: ").append(retryAfter).append("\r\n");
        }
        OutputStream out = client.getOutputStream();
        out.write(head.append("\r\n").toString().getBytes(StandardCharsets.ISO_8859_1));
        if (!line.startsWith("HEAD ")) {
            out.write(body);
        }
        out.flush();
        scriptedAnswers.incrementAndGet();
        client.shutdownOutput();
        // Lets the client read the answer and hang up first; a reset now could destroy the answer unread.
        client.setSoTimeout(5_000);
        client.getInputStream().transferTo(OutputStream.nullOutputStream());
    }

    /** The request line and headers, up to and including the empty line; {@code null} at the end of the stream. */
    private static byte[] readHead(InputStream in) throws IOException {
        ByteArrayOutputStream head = new ByteArrayOutputStream();
        int matched = 0;
        while (matched < 4) {
            int next = in.read();
            if (next < 0) {
                if (head.size() == 0) {
                    return null;
                }
                throw new EOFException("the client hung up inside a request head");
            }
            head.write(next);
            matched = next == "\r\n\r\n".charAt(matched) ? matched + 1 : next == '\r' ? 1 : 0;
            if (head.size() > MAX_HEAD_BYTES) {
                throw new IOException("request head over " + MAX_HEAD_BYTES + " bytes");
            }
        }
        return head.toByteArray();
    }

    @FunctionalInterface
    private interface Sink {
        void write(byte[] buffer, int length) throws IOException;
    }

    /** Copies a request body, framed by Content-Length or chunked, to a sink (or nowhere); returns its size. */
    private static long copyBody(String head, InputStream in, Sink sink) throws IOException {
        String lower = head.toLowerCase(Locale.ROOT);
        if (header(lower, "transfer-encoding").contains("chunked")) {
            long total = 0;
            while (true) {
                byte[] sizeLine = readLine(in);
                total += copy(sizeLine, sizeLine.length, sink);
                String size = new String(sizeLine, StandardCharsets.ISO_8859_1).strip();
                long chunk = Long.parseLong(size.contains(";") ? size.substring(0, size.indexOf(';')) : size, 16);
                if (chunk == 0) {
                    break;
                }
                total += copyExactly(in, chunk + 2, sink);
            }
            while (true) {
                byte[] trailer = readLine(in);
                total += copy(trailer, trailer.length, sink);
                if (trailer.length == 2) {
                    return total;
                }
            }
        }
        String length = header(lower, "content-length");
        return length.isEmpty() ? 0 : copyExactly(in, Long.parseLong(length), sink);
    }

    private static String header(String lowerHead, String name) {
        for (String line : lowerHead.split("\r\n")) {
            if (line.startsWith(name + ":")) {
                return line.substring(name.length() + 1).strip();
            }
        }
        return "";
    }

    private static byte[] readLine(InputStream in) throws IOException {
        ByteArrayOutputStream line = new ByteArrayOutputStream();
        int previous = -1;
        while (true) {
            int next = in.read();
            if (next < 0) {
                throw new EOFException("the client hung up inside a chunked body");
            }
            line.write(next);
            if (previous == '\r' && next == '\n') {
                return line.toByteArray();
            }
            previous = next;
        }
    }

    private static long copyExactly(InputStream in, long count, Sink sink) throws IOException {
        byte[] buffer = new byte[16 * 1024];
        long left = count;
        while (left > 0) {
            int read = in.read(buffer, 0, (int) Math.min(buffer.length, left));
            if (read < 0) {
                throw new EOFException("the client hung up inside a request body");
            }
            copy(buffer, read, sink);
            left -= read;
        }
        return count;
    }

    private static int copy(byte[] buffer, int length, Sink sink) throws IOException {
        if (sink != null) {
            sink.write(buffer, length);
        }
        return length;
    }

    /** Closes a socket with a TCP reset, as a crashed peer would, not with an orderly FIN. */
    private static void reset(Socket socket) {
        try {
            socket.setSoLinger(true, 0);
        } catch (IOException ignored) {
            // Already closed.
        }
        try {
            socket.close();
        } catch (IOException ignored) {
            // Already closed.
        }
    }

    /** For messages: what the proxy saw, one request a line. */
    public String describe() {
        List<String> lines = new ArrayList<>();
        requests.forEach(request -> lines.add(request.offset() + " " + request.line() + " (" + request.headBytes()
                + " + " + request.bodyBytes() + ")" + (request.scripted() ? " scripted" : "")));
        return String.join("\n", lines) + "\ncuts in: " + cuts + ", scripted answers: " + scriptedAnswers.get();
    }
}
