package io.github.scratchpack.registry;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;

import com.google.api.client.http.HttpHeaders;
import com.google.api.client.http.HttpResponseException;
import com.google.cloud.tools.jib.http.ResponseException;
import java.io.IOException;
import java.lang.reflect.Constructor;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;

/** The retry decision and its pauses, with a sleeper that only records: nothing here really sleeps. */
class RetryTest {
    private static final Instant NOW = Instant.parse("2026-03-01T12:00:00Z");

    private final List<Duration> slept = new ArrayList<>();
    private final List<Duration> announced = new ArrayList<>();

    private Retry retry(int attempts) {
        return new Retry(attempts, Duration.ofSeconds(1), Duration.ofSeconds(4), slept::add);
    }

    /** What jib throws for an HTTP error answer; its constructor is package-private in jib-core 0.28.1. */
    static ResponseException answer(int status, String retryAfter) throws Exception {
        HttpHeaders headers = new HttpHeaders();
        if (retryAfter != null) {
            headers.set("Retry-After", retryAfter);
        }
        HttpResponseException http = new HttpResponseException.Builder(status, "scripted", headers)
                .setContent("{\"errors\":[]}").build();
        Constructor<ResponseException> constructor = ResponseException.class
                .getDeclaredConstructor(HttpResponseException.class, boolean.class);
        constructor.setAccessible(true);
        return constructor.newInstance(http, false);
    }

    /** Fails with the given failures in turn, then returns "done". */
    private String runFailing(Retry retry, IOException... failures) throws Exception {
        AtomicInteger calls = new AtomicInteger();
        return retry.run("test call", () -> {
            int call = calls.getAndIncrement();
            if (call < failures.length) {
                throw failures[call];
            }
            return "done";
        }, (what, nextAttempt, attempts, delay, failure) -> announced.add(delay));
    }

    private static String httpDate(Instant when) {
        return DateTimeFormatter.RFC_1123_DATE_TIME.format(when.atOffset(ZoneOffset.UTC));
    }

    @Test
    void retryAfterInDeltaSeconds() {
        assertEquals(Optional.of(Duration.ofSeconds(5)), Retry.retryAfter("5", NOW));
        assertEquals(Optional.of(Duration.ofSeconds(7)), Retry.retryAfter(" 7 ", NOW));
        assertEquals(Optional.of(Duration.ZERO), Retry.retryAfter("0", NOW));
    }

    @Test
    void retryAfterAsAnHttpDate() {
        assertEquals(Optional.of(Duration.ofSeconds(10)), Retry.retryAfter(httpDate(NOW.plusSeconds(10)), NOW));
        assertEquals(Optional.of(Duration.ofSeconds(10)), Retry.retryAfter("Sun, 01 Mar 2026 12:00:10 GMT", NOW));
        assertEquals(Optional.of(Duration.ZERO), Retry.retryAfter("Sun, 06 Nov 1994 08:49:37 GMT", NOW),
                "a date in the past asks for no pause");
    }

    @Test
    void retryAfterOverTheCapIsCut() {
        assertEquals(Optional.of(Retry.MAX_RETRY_AFTER), Retry.retryAfter("61", NOW));
        assertEquals(Optional.of(Retry.MAX_RETRY_AFTER), Retry.retryAfter("86400", NOW));
        assertEquals(Optional.of(Retry.MAX_RETRY_AFTER), Retry.retryAfter("99999999999999999999999", NOW));
        assertEquals(Optional.of(Retry.MAX_RETRY_AFTER), Retry.retryAfter(httpDate(NOW.plusSeconds(3600)), NOW));
        assertEquals(Duration.ofSeconds(60), Retry.MAX_RETRY_AFTER);
    }

    @Test
    void retryAfterThatIsMissingOrGarbageIsIgnored() {
        for (String value : new String[] {null, "", "  ", "soon", "-3", "1.5", "+5", "5s", "0x10",
                "Sun, 32 Nov 1994 08:49:37 GMT", "2026-03-01T12:00:10Z"}) {
            assertEquals(Optional.empty(), Retry.retryAfter(value, NOW), String.valueOf(value));
        }
    }

    @Test
    void pauseIsTheLongerOfBackoffAndRetryAfter() throws Exception {
        Duration backoff = Duration.ofSeconds(2);
        assertEquals(Duration.ofSeconds(9), Retry.pause(backoff, answer(429, "9"), NOW));
        assertEquals(backoff, Retry.pause(backoff, answer(503, "1"), NOW), "a shorter Retry-After keeps the backoff");
        assertEquals(backoff, Retry.pause(backoff, answer(500, null), NOW));
        assertEquals(backoff, Retry.pause(backoff, answer(429, "later, please"), NOW));
        assertEquals(Duration.ofSeconds(60), Retry.pause(backoff, answer(429, "3600"), NOW));
        assertEquals(backoff, Retry.pause(backoff, new IOException("connection reset"), NOW));
        assertEquals(Duration.ofSeconds(9),
                Retry.pause(backoff, new IOException("wrapped", answer(429, "9")), NOW), "found in the cause chain");
    }

    @Test
    void runWaitsWhatRetryAfterAsksAndKeepsDoublingTheBackoffUnderneath() throws Exception {
        String result = runFailing(retry(5), answer(429, "3"), answer(429, "1"), answer(500, null), answer(429, "600"));
        assertEquals("done", result);
        // Backoff alone: 1, 2, 4, 4 s. Retry-After 3 s beats 1 s; 1 s loses to 2 s; none; 600 s is cut to 60 s.
        List<Duration> expected = List.of(Duration.ofSeconds(3), Duration.ofSeconds(2), Duration.ofSeconds(4),
                Duration.ofSeconds(60));
        assertEquals(expected, slept);
        assertEquals(expected, announced, "the listener is told the pause really taken");
    }

    @Test
    void runGivesUpAfterTheLastAttemptWithTheLastFailure() throws Exception {
        ResponseException last = answer(429, "1");
        ResponseException thrown = assertThrows(ResponseException.class,
                () -> runFailing(retry(3), answer(429, "1"), answer(429, "1"), last));
        assertSame(last, thrown);
        assertEquals(List.of(Duration.ofSeconds(1), Duration.ofSeconds(2)), slept);
    }

    @Test
    void aFailureThatWillNotPassIsNotRetriedWhateverItsRetryAfter() throws Exception {
        ResponseException notFound = answer(404, "1");
        assertSame(notFound, assertThrows(ResponseException.class, () -> runFailing(retry(3), notFound)));
        assertEquals(List.of(), slept);
    }

    @Test
    void totalPauseIsBounded() throws Exception {
        ResponseException[] forever = new ResponseException[4];
        for (int i = 0; i < forever.length; i++) {
            forever[i] = answer(429, "100000");
        }
        assertThrows(ResponseException.class, () -> runFailing(retry(4), forever));
        Duration total = slept.stream().reduce(Duration.ZERO, Duration::plus);
        assertEquals(Duration.ofSeconds(3 * 60), total, "(attempts - 1) x 60 s at most");
    }
}
