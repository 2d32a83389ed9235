package example;

import io.micronaut.serde.annotation.Serdeable;

/** The JSON answer of {@code GET /upstream}: what the upstream answered. */
@Serdeable
public record UpstreamAnswer(String url, int status, String body) {
}
