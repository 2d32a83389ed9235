package example;

import io.micronaut.serde.annotation.Serdeable;

/** The JSON answer of {@code GET /greeting}. */
@Serdeable
public record Greeting(String message, int length) {
}
