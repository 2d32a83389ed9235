package example;

/** The JSON answer of {@code GET /upstream}: what the upstream answered. */
public record UpstreamAnswer(String url, int status, String body) {
}
