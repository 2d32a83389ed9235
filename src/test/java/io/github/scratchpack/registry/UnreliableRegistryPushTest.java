package io.github.scratchpack.registry;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.github.scratchpack.image.ImageReference;
import io.github.scratchpack.network.PushException;
import io.github.scratchpack.output.TarballImage;
import io.github.scratchpack.testing.FaultInjectingProxy;
import io.github.scratchpack.testing.LocalRegistry;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Function;
import java.util.function.LongBinaryOperator;
import java.util.regex.Pattern;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * Pushes a real image to a real registry through {@link FaultInjectingProxy}, which cuts connections at chosen bytes
 * or answers 429 and 500 for a while. Each push recovers by retrying or fails cleanly, and a tag never points at a
 * manifest whose blobs the registry lacks: checked on the registry itself, past the proxy, with skopeo and blob HEADs.
 */
class UnreliableRegistryPushTest {
    private static final int LAYER_BYTES = 4 * 1024 * 1024;
    private static final String REPOSITORY = "cutting/app";
    /** Same length as {@link #REPOSITORY}, so that a push to it sends the same bytes at the same offsets. */
    private static final String MEASURED_REPOSITORY = "measure/app";
    private static final String UPLOAD_BODY = "^PATCH [^ ]*/blobs/uploads/";
    private static final String LAST_MANIFEST = "^PUT [^ ]*/manifests/latest ";
    private static final Duration BOUND = Duration.ofSeconds(30);
    private static final HttpClient HTTP = HttpClient.newHttpClient();

    @TempDir
    static Path shared;
    private static TarballImage image;

    @TempDir
    Path dir;

    @BeforeAll
    static void buildImage() throws Exception {
        image = PushFixtures.image(shared, LAYER_BYTES);
    }

    /**
     * Where in a push the connection is cut: a place in one request of an uncut push of the same image, given by the
     * request's head and body sizes.
     */
    enum CutPoint {
        /** A hundred bytes into the body of the first blob upload. */
        EARLY_IN_THE_FIRST_BLOB_UPLOAD(UPLOAD_BODY, CutPoint::firstUpload, (head, body) -> head + Math.min(100, body / 2)),
        /** Half-way through the request head of the largest blob's upload. */
        IN_THE_HEAD_OF_THE_LARGEST_BLOB_UPLOAD(UPLOAD_BODY, CutPoint::largestUpload, (head, body) -> head / 2),
        /** Half-way through the largest blob. */
        MIDWAY_THROUGH_THE_LARGEST_BLOB(UPLOAD_BODY, CutPoint::largestUpload, (head, body) -> head + body / 2),
        /** 16 bytes before the end of the largest blob's upload: the registry has nearly all of it. */
        NEAR_THE_END_OF_THE_LARGEST_BLOB(UPLOAD_BODY, CutPoint::largestUpload, (head, body) -> head + body - 16),
        /** Half-way through the body of the last manifest, after the first tag already points at the image. */
        IN_THE_LAST_MANIFEST(LAST_MANIFEST, CutPoint::lastManifest, (head, body) -> head + body / 2),
        /** Right after the last byte of the last manifest: the registry may or may not have stored it. */
        AFTER_THE_LAST_MANIFEST(LAST_MANIFEST, CutPoint::lastManifest, (head, body) -> head + body);

        /** What the request that the cut breaks off looks like. */
        final String cutRequest;
        private final Function<List<FaultInjectingProxy.Request>, FaultInjectingProxy.Request> request;
        private final LongBinaryOperator within;

        CutPoint(String cutRequest, Function<List<FaultInjectingProxy.Request>, FaultInjectingProxy.Request> request,
                 LongBinaryOperator within) {
            this.cutRequest = cutRequest;
            this.request = request;
            this.within = within;
        }

        /** The byte of the uncut push after which the connection is cut, counted from its start. */
        long target(List<FaultInjectingProxy.Request> requests) {
            FaultInjectingProxy.Request chosen = request.apply(requests);
            return chosen.offset() + within.applyAsLong(chosen.headBytes(), chosen.bodyBytes());
        }

        /**
         * Arms the proxy to cut at this point, counting from the last request before it whose line occurs once and
         * has no upload state in it: those lines are the same in every push, while an upload URL's state may differ
         * in length by a few bytes from push to push.
         */
        long arm(FaultInjectingProxy proxy, List<FaultInjectingProxy.Request> requests, int times) {
            long target = target(requests);
            FaultInjectingProxy.Request anchor = requests.stream()
                    .filter(request -> request.offset() <= target && !request.line().contains("_state="))
                    .filter(request -> requests.stream().filter(other -> other.line().equals(request.line())).count() == 1)
                    .reduce((first, second) -> second).orElseThrow();
            proxy.cutAfter(target - anchor.offset(), times,
                    "^" + Pattern.quote(anchor.line().replace(MEASURED_REPOSITORY, REPOSITORY)) + "$");
            return target;
        }

        private static FaultInjectingProxy.Request firstUpload(List<FaultInjectingProxy.Request> requests) {
            return requests.stream().filter(request -> request.line().matches(UPLOAD_BODY + ".*") && request.bodyBytes() > 0)
                    .findFirst().orElseThrow();
        }

        static FaultInjectingProxy.Request largestUpload(List<FaultInjectingProxy.Request> requests) {
            return requests.stream().filter(request -> request.line().matches(UPLOAD_BODY + ".*"))
                    .max(Comparator.comparingLong(FaultInjectingProxy.Request::bodyBytes)).orElseThrow();
        }

        private static FaultInjectingProxy.Request lastManifest(List<FaultInjectingProxy.Request> requests) {
            return requests.stream().filter(request -> request.line().matches(LAST_MANIFEST + ".*"))
                    .reduce((first, second) -> second).orElseThrow();
        }
    }

    private PushResult push(String address, String repository, int threads, Retry retry, PushListener listener)
            throws Exception {
        return new RegistryPush(new RegistryPush.Options(false, null, threads, retry, null, null),
                PushFixtures.settingsOnly(Map.of(), dir.resolve("home")), listener, event -> { })
                .push(image, ImageReference.parse(address + "/" + repository + ":1.0"), PushFixtures.tags());
    }

    /** A retry whose own pauses are short, so that any longer wait was asked for by the registry. */
    private static Retry shortBackoff(int attempts) {
        return new Retry(attempts, Duration.ofMillis(100), Duration.ofMillis(200),
                duration -> Thread.sleep(duration.toMillis()));
    }

    /** The requests of an uncut push through the proxy, one blob at a time, with offsets from its start. */
    private List<FaultInjectingProxy.Request> measure(FaultInjectingProxy proxy) throws Exception {
        long start = proxy.forwardedBytes();
        push(proxy.address(), MEASURED_REPOSITORY, 1, PushFixtures.quickRetry(1), new RecordingPushListener());
        List<FaultInjectingProxy.Request> requests = new ArrayList<>();
        for (FaultInjectingProxy.Request request : proxy.requests()) {
            requests.add(new FaultInjectingProxy.Request(request.offset() - start, request.line(), request.headBytes(),
                    request.bodyBytes(), request.scripted()));
        }
        return requests;
    }

    /** A push that ended within {@link #BOUND}, and how long it took. */
    private record Timed(PushResult result, Duration elapsed) {
    }

    private Timed pushWithinBound(FaultInjectingProxy proxy, int threads, Retry retry, PushListener listener)
            throws Exception {
        long started = System.nanoTime();
        PushResult result = push(proxy.address(), REPOSITORY, threads, retry, listener);
        Duration elapsed = Duration.ofNanos(System.nanoTime() - started);
        assertTrue(elapsed.compareTo(BOUND) < 0, "took " + elapsed);
        assertEquals(image.manifestDigest(), result.digest());
        return new Timed(result, elapsed);
    }

    /** A push with 3 attempts fails within {@link #BOUND} with a one-line message, and sets no tag. */
    private void assertFailsCleanlyAndTagsNothing(LocalRegistry registry, FaultInjectingProxy proxy, String problem)
            throws Exception {
        long started = System.nanoTime();
        PushException failure = assertThrows(PushException.class, () -> push(proxy.address(), REPOSITORY, 3,
                PushFixtures.quickRetry(3), new RecordingPushListener()));
        Duration elapsed = Duration.ofNanos(System.nanoTime() - started);
        assertTrue(elapsed.compareTo(BOUND) < 0, "took " + elapsed);
        assertTrue(failure.getMessage().startsWith("The registry " + proxy.address() + " " + problem),
                failure.getMessage());
        assertCleanFailure(failure, proxy, registry);
        assertTrue(tagged(registry, "1.0").isEmpty() && tagged(registry, "latest").isEmpty(), "a tag was set");
    }

    @ParameterizedTest
    @EnumSource(CutPoint.class)
    void aConnectionCutOnceIsRetriedIntoACompleteImage(CutPoint point) throws Exception {
        try (LocalRegistry registry = LocalRegistry.start(dir.resolve("registry"));
             FaultInjectingProxy proxy = FaultInjectingProxy.start(registry.address())) {
            long offset = point.arm(proxy, measure(proxy), 1);
            RecordingPushListener listener = new RecordingPushListener();
            try {
                pushWithinBound(proxy, 1, PushFixtures.quickRetry(5), listener);
            } catch (PushException e) {
                assertCleanFailure(e, proxy, registry);
                throw new AssertionError("one cut at byte " + offset + " was not retried into a complete image:\n"
                        + proxy.describe(), e);
            }
            assertEquals(1, proxy.cuts().size(), "the cut at byte " + offset + " never happened:\n" + proxy.describe());
            assertTrue(Pattern.compile(point.cutRequest).matcher(proxy.cuts().get(0)).find(), proxy.describe());
            assertTrue(listener.events.stream().anyMatch(event -> event.startsWith("retrying")), listener.events.toString());
            assertPushedCompletely(registry);
        }
    }

    @Test
    void aConnectionCutOnEveryAttemptFailsCleanlyAndTagsNothing() throws Exception {
        try (LocalRegistry registry = LocalRegistry.start(dir.resolve("registry"));
             FaultInjectingProxy proxy = FaultInjectingProxy.start(registry.address())) {
            FaultInjectingProxy.Request largest = CutPoint.largestUpload(measure(proxy));
            proxy.cutAfter(largest.bodyBytes() / 2, Integer.MAX_VALUE);
            assertFailsCleanlyAndTagsNothing(registry, proxy, "stopped answering during the push");
            assertTrue(proxy.cuts().size() >= 3, proxy.describe());
        }
    }

    @Test
    void tooManyRequestsWithRetryAfterIsWaitedOutWithinABoundedTime() throws Exception {
        int answers = 3;
        try (LocalRegistry registry = LocalRegistry.start(dir.resolve("registry"));
             FaultInjectingProxy proxy = FaultInjectingProxy.start(registry.address())) {
            proxy.answer(answers, "429 Too Many Requests", "1", ".");
            RecordingPushListener listener = new RecordingPushListener();
            Duration elapsed = pushWithinBound(proxy, 3, shortBackoff(6), listener).elapsed();
            assertEquals(answers, proxy.scriptedAnswers(), proxy.describe());
            assertEquals(answers, listener.events.stream().filter(event -> event.startsWith("retrying")).count(),
                    listener.events.toString());
            // The retry's own pauses add up to 0.5 s; only honouring Retry-After takes 3 s.
            assertTrue(elapsed.compareTo(Duration.ofSeconds(answers)) >= 0, "Retry-After was not honoured: " + elapsed);
            assertPushedCompletely(registry);
        }
    }

    @Test
    void serverErrorsForAWhileAreRetriedIntoACompleteImage() throws Exception {
        try (LocalRegistry registry = LocalRegistry.start(dir.resolve("registry"));
             FaultInjectingProxy proxy = FaultInjectingProxy.start(registry.address())) {
            proxy.answer(3, "500 Internal Server Error", null, "/blobs/uploads/");
            pushWithinBound(proxy, 3, PushFixtures.quickRetry(5), new RecordingPushListener());
            assertEquals(3, proxy.scriptedAnswers(), proxy.describe());
            assertPushedCompletely(registry);
        }
    }

    @Test
    void serverErrorsForeverFailCleanlyWithinABoundedTimeAndTagNothing() throws Exception {
        try (LocalRegistry registry = LocalRegistry.start(dir.resolve("registry"));
             FaultInjectingProxy proxy = FaultInjectingProxy.start(registry.address())) {
            proxy.answer(Integer.MAX_VALUE, "500 Internal Server Error", null, "/blobs/uploads/");
            assertFailsCleanlyAndTagsNothing(registry, proxy, "kept failing with HTTP 500");
            assertTrue(proxy.scriptedAnswers() >= 3, proxy.describe());
        }
    }

    /** A failed push: one line naming the registry, and every tag absent or pointing at complete content. */
    private static void assertCleanFailure(PushException failure, FaultInjectingProxy proxy, LocalRegistry registry)
            throws Exception {
        assertFalse(failure.getMessage().contains("\n"), failure.getMessage());
        assertTrue(failure.getMessage().contains(proxy.address()), failure.getMessage());
        for (String tag : List.of("1.0", "latest")) {
            tagged(registry, tag);
        }
    }

    /** Both tags point at the image, as skopeo sees it on the registry itself, with every blob there. */
    private static void assertPushedCompletely(LocalRegistry registry) throws Exception {
        for (String tag : List.of("1.0", "latest")) {
            assertEquals(Optional.of(image.manifestDigest()), tagged(registry, tag), tag);
            assertEquals(image.manifestDigest(), RegistryPushTest.skopeoDigest(registry.address() + "/" + REPOSITORY
                    + ":" + tag, "--tls-verify=false"));
        }
        for (TarballImage.StoredBlob blob : image.blobs()) {
            assertEquals(200, head(registry, "blobs/" + blob.digest()), blob.digest());
        }
    }

    /**
     * The digest of the manifest a tag points at on the registry itself, after checking that every blob it names is
     * there; empty when the tag does not exist.
     */
    private static Optional<String> tagged(LocalRegistry registry, String tag) throws Exception {
        HttpRequest get = HttpRequest.newBuilder(URI.create("http://" + registry.address() + "/v2/" + REPOSITORY
                        + "/manifests/" + tag))
                .header("Accept", "application/vnd.oci.image.manifest.v1+json, "
                        + "application/vnd.docker.distribution.manifest.v2+json").build();
        HttpResponse<byte[]> response = HTTP.send(get, HttpResponse.BodyHandlers.ofByteArray());
        if (response.statusCode() == 404) {
            return Optional.empty();
        }
        assertEquals(200, response.statusCode(), new String(response.body()));
        JsonNode manifest = new ObjectMapper().readTree(response.body());
        List<String> blobs = new ArrayList<>(List.of(manifest.path("config").path("digest").asText()));
        manifest.path("layers").forEach(layer -> blobs.add(layer.path("digest").asText()));
        for (String blob : blobs) {
            assertEquals(200, head(registry, "blobs/" + blob), "the tag " + tag + " points at a manifest whose blob "
                    + blob + " is missing");
        }
        return Optional.of("sha256:" + HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256")
                .digest(response.body())));
    }

    private static int head(LocalRegistry registry, String path) throws Exception {
        HttpRequest head = HttpRequest.newBuilder(URI.create("http://" + registry.address() + "/v2/" + REPOSITORY + "/"
                + path)).method("HEAD", HttpRequest.BodyPublishers.noBody()).build();
        return HTTP.send(head, HttpResponse.BodyHandlers.discarding()).statusCode();
    }
}
