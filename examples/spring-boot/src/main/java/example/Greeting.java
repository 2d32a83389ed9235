package example;

/** The JSON answer of {@code GET /greeting}. */
public record Greeting(String message, int length) {
}
