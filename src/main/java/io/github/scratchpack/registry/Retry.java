package io.github.scratchpack.registry;

import com.google.cloud.tools.jib.api.RegistryException;
import com.google.cloud.tools.jib.http.ResponseException;
import io.github.scratchpack.network.Causes;
import java.io.IOException;
import java.net.UnknownHostException;
import java.time.DateTimeException;
import java.time.Duration;
import java.time.Instant;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.util.List;
import java.util.Optional;
import javax.net.ssl.SSLException;

/**
 * Runs a registry call again, after a growing pause, when it failed in a way that may pass: a 5xx or 429 answer, a
 * dropped or refused connection, or an upload session that a restarted registry forgot.
 *
 * <p>When the failed answer carries a {@code Retry-After} header, as delta-seconds ({@code Retry-After: 5}) or an
 * HTTP-date ({@code Retry-After: Sun, 06 Nov 1994 08:49:37 GMT}), the pause is what it asks for when that is longer
 * than the backoff pause, but at most {@link #MAX_RETRY_AFTER} (60 s), so that a registry cannot stall the build for
 * longer than {@code (attempts - 1) * max(maxDelay, 60 s)} in all. A value that is neither form, or lies in the past,
 * is ignored. The backoff keeps doubling underneath, whatever the registry asked for.
 *
 * @param attempts how many times a call is made at most
 * @param firstDelay the pause before the second attempt; each further pause doubles, up to {@code maxDelay}
 * @param maxDelay the longest pause
 * @param sleeper what pauses
 */
public record Retry(int attempts, Duration firstDelay, Duration maxDelay, Sleeper sleeper) {
    /** The longest pause a registry's {@code Retry-After} can ask for; a longer one is cut to this. */
    public static final Duration MAX_RETRY_AFTER = Duration.ofSeconds(60);

    private static final List<String> LOST_UPLOAD_CODES = List.of("BLOB_UPLOAD_UNKNOWN", "BLOB_UPLOAD_INVALID");

    /** Pauses the calling thread. */
    @FunctionalInterface
    public interface Sleeper {
        void sleep(Duration duration) throws InterruptedException;
    }

    /** A registry call. */
    @FunctionalInterface
    public interface Call<T> {
        T run() throws IOException, RegistryException;
    }

    /** Told before each new attempt. */
    @FunctionalInterface
    public interface Listener {
        void retrying(String what, int nextAttempt, int attempts, Duration delay, Exception failure);
    }

    /** A retry with real pauses: {@code attempts} tries, 1 s before the second, doubling up to 30 s. */
    public static Retry standard(int attempts) {
        return new Retry(attempts, Duration.ofSeconds(1), Duration.ofSeconds(30), duration -> Thread.sleep(duration.toMillis()));
    }

    /**
     * Runs a call until it succeeds, fails in a way that will not pass, or has been tried {@code attempts} times.
     *
     * @param what what the call does, for the listener
     * @param call the call
     * @param listener told before each new attempt
     * @return what the call returned
     * @throws IOException the last failure
     * @throws RegistryException the last failure
     * @throws InterruptedException when interrupted during a pause
     */
    public <T> T run(String what, Call<T> call, Listener listener) throws IOException, RegistryException, InterruptedException {
        Duration delay = firstDelay;
        for (int attempt = 1; ; attempt++) {
            try {
                return call.run();
            } catch (IOException | RegistryException e) {
                if (attempt >= attempts || !isTransient(e)) {
                    throw e;
                }
                Duration pause = pause(delay, e, Instant.now());
                listener.retrying(what, attempt + 1, attempts, pause, e);
                sleeper.sleep(pause);
                delay = delay.multipliedBy(2).compareTo(maxDelay) > 0 ? maxDelay : delay.multipliedBy(2);
            }
        }
    }

    /** Whether a failure may pass when the call is made again. */
    static boolean isTransient(Exception failure) {
        if (Causes.find(failure, SSLException.class).isPresent()
                || Causes.find(failure, UnknownHostException.class).isPresent()) {
            return false;
        }
        var response = RegistryResponses.response(failure);
        if (response.isPresent()) {
            ResponseException answer = response.get();
            int status = answer.getStatusCode();
            return status >= 500 || status == 429
                    || RegistryResponses.errorCodes(answer).stream().anyMatch(LOST_UPLOAD_CODES::contains);
        }
        return Causes.find(failure, IOException.class).isPresent();
    }

    /**
     * The pause before the next attempt: the backoff pause, or the registry's {@code Retry-After} when that is longer,
     * capped at {@link #MAX_RETRY_AFTER}.
     */
    static Duration pause(Duration backoff, Exception failure, Instant now) {
        Optional<Duration> asked = RegistryResponses.response(failure)
                .map(answer -> answer.getHeaders().getRetryAfter())
                .flatMap(value -> retryAfter(value, now));
        return asked.filter(wait -> wait.compareTo(backoff) > 0).orElse(backoff);
    }

    /**
     * How long a {@code Retry-After} value asks to wait, from {@code now}, capped at {@link #MAX_RETRY_AFTER}; empty
     * when the value is missing or neither delta-seconds nor an HTTP-date (RFC 9110, section 10.2.3).
     */
    static Optional<Duration> retryAfter(String value, Instant now) {
        if (value == null || value.isBlank()) {
            return Optional.empty();
        }
        String trimmed = value.strip();
        if (trimmed.chars().allMatch(character -> character >= '0' && character <= '9')) {
            // Twelve digits are far past the cap already, and twenty would not fit a long.
            return Optional.of(trimmed.length() > 12 ? MAX_RETRY_AFTER : capped(Duration.ofSeconds(Long.parseLong(trimmed))));
        }
        try {
            Instant when = ZonedDateTime.parse(trimmed, DateTimeFormatter.RFC_1123_DATE_TIME).toInstant();
            Duration wait = Duration.between(now, when);
            return Optional.of(wait.isNegative() ? Duration.ZERO : capped(wait));
        } catch (DateTimeException e) {
            return Optional.empty();
        }
    }

    private static Duration capped(Duration wait) {
        return wait.compareTo(MAX_RETRY_AFTER) > 0 ? MAX_RETRY_AFTER : wait;
    }
}
