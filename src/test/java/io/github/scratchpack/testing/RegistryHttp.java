package io.github.scratchpack.testing;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.Optional;

/**
 * Plain HTTP requests to a test registry without login, with nothing of the plugin's code: reads what a push left,
 * and plants content the way another tool would.
 */
public final class RegistryHttp {
    private final HttpClient http = HttpClient.newHttpClient();
    private final String base;

    /** @param address the registry's {@code host:port} */
    public RegistryHttp(String address) {
        this.base = "http://" + address + "/v2/";
    }

    /** A manifest's bytes by tag or digest, or empty on 404. */
    public Optional<byte[]> manifest(String repository, String reference, String mediaType)
            throws IOException, InterruptedException {
        HttpResponse<byte[]> response = http.send(HttpRequest.newBuilder(URI.create(base + repository + "/manifests/"
                + reference)).header("Accept", mediaType).build(), HttpResponse.BodyHandlers.ofByteArray());
        return answer(response, "manifest " + reference);
    }

    /** A blob's bytes. */
    public byte[] blob(String repository, String digest) throws IOException, InterruptedException {
        HttpResponse<byte[]> response = http.send(HttpRequest.newBuilder(URI.create(base + repository + "/blobs/"
                + digest)).build(), HttpResponse.BodyHandlers.ofByteArray());
        return answer(response, "blob " + digest).orElseThrow(() -> new IOException("no blob " + digest));
    }

    /** The answer to {@code GET /v2/<name>/tags/list}. */
    public String tags(String repository) throws IOException, InterruptedException {
        return http.send(HttpRequest.newBuilder(URI.create(base + repository + "/tags/list")).build(),
                HttpResponse.BodyHandlers.ofString()).body();
    }

    /** Uploads a blob in one request after opening the upload session. */
    public void putBlob(String repository, String digest, byte[] content) throws IOException, InterruptedException {
        HttpResponse<String> session = http.send(HttpRequest.newBuilder(URI.create(base + repository
                + "/blobs/uploads/")).POST(HttpRequest.BodyPublishers.noBody()).build(), HttpResponse.BodyHandlers.ofString());
        String location = session.headers().firstValue("Location").orElseThrow(() -> new IOException(
                "no upload location: " + session.statusCode() + " " + session.body()));
        URI upload = URI.create(base).resolve(location);
        String separator = upload.getQuery() == null ? "?" : "&";
        HttpResponse<String> done = http.send(HttpRequest.newBuilder(URI.create(upload + separator + "digest=" + digest))
                .header("Content-Type", "application/octet-stream").PUT(HttpRequest.BodyPublishers.ofByteArray(content))
                .build(), HttpResponse.BodyHandlers.ofString());
        if (done.statusCode() != 201) {
            throw new IOException("blob upload answered " + done.statusCode() + ": " + done.body());
        }
    }

    /** Puts a manifest under a tag or digest. */
    public void putManifest(String repository, String reference, String mediaType, byte[] content)
            throws IOException, InterruptedException {
        HttpResponse<String> done = http.send(HttpRequest.newBuilder(URI.create(base + repository + "/manifests/"
                + reference)).header("Content-Type", mediaType).PUT(HttpRequest.BodyPublishers.ofByteArray(content))
                .build(), HttpResponse.BodyHandlers.ofString());
        if (done.statusCode() != 201) {
            throw new IOException("manifest put answered " + done.statusCode() + ": " + done.body());
        }
    }

    private static Optional<byte[]> answer(HttpResponse<byte[]> response, String what) throws IOException {
        if (response.statusCode() == 404) {
            return Optional.empty();
        }
        if (response.statusCode() != 200) {
            throw new IOException(what + " answered " + response.statusCode());
        }
        return Optional.of(response.body());
    }
}
