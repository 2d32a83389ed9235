package io.github.scratchpack.registry;

import com.google.cloud.tools.jib.api.RegistryException;
import com.google.cloud.tools.jib.http.ResponseException;
import java.io.IOException;
import java.net.UnknownHostException;
import java.time.Duration;
import java.util.List;
import javax.net.ssl.SSLException;

/**
 * Runs a registry call again, after a growing pause, when it failed in a way that may pass: a 5xx or 429 answer, a
 * dropped or refused connection, or an upload session that a restarted registry forgot.
 *
 * @param attempts how many times a call is made at most
 * @param firstDelay the pause before the second attempt; each further pause doubles, up to {@code maxDelay}
 * @param maxDelay the longest pause
 * @param sleeper what pauses
 */
public record Retry(int attempts, Duration firstDelay, Duration maxDelay, Sleeper sleeper) {
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
                listener.retrying(what, attempt + 1, attempts, delay, e);
                sleeper.sleep(delay);
                delay = delay.multipliedBy(2).compareTo(maxDelay) > 0 ? maxDelay : delay.multipliedBy(2);
            }
        }
    }

    /** Whether a failure may pass when the call is made again. */
    static boolean isTransient(Exception failure) {
        if (RegistryResponses.find(failure, SSLException.class).isPresent()
                || RegistryResponses.find(failure, UnknownHostException.class).isPresent()) {
            return false;
        }
        var response = RegistryResponses.response(failure);
        if (response.isPresent()) {
            ResponseException answer = response.get();
            int status = answer.getStatusCode();
            return status >= 500 || status == 429
                    || RegistryResponses.errorCodes(answer).stream().anyMatch(LOST_UPLOAD_CODES::contains);
        }
        return RegistryResponses.find(failure, IOException.class).isPresent();
    }
}
