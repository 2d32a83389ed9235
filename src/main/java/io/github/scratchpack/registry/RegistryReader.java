package io.github.scratchpack.registry;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.google.cloud.tools.jib.http.Authorization;
import com.google.cloud.tools.jib.http.FailoverHttpClient;
import com.google.cloud.tools.jib.http.Request;
import com.google.cloud.tools.jib.http.Response;
import com.google.cloud.tools.jib.http.ResponseException;
import io.github.scratchpack.credentials.RegistryCredential;
import io.github.scratchpack.network.RegistryAddress;
import java.io.IOException;
import java.net.URL;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Reads from a repository what jib's registry client cannot: a manifest's exact bytes (jib parses them into its own
 * templates, which drop {@code artifactType} and annotations) and whether the registry has the OCI 1.1 referrers API.
 * It answers the registry's auth challenge itself: Basic with the credential, or a pull token from the Bearer realm.
 */
final class RegistryReader {
    private static final Pattern CHALLENGE_PARAMETER = Pattern.compile("(\\w+)=\"([^\"]*)\"");

    private final FailoverHttpClient http;
    private final String apiBase;
    private final String repository;
    private final Optional<RegistryCredential> credential;
    private Authorization authorization;

    /**
     * @param http the client the push uses, with its transport and trust
     * @param address the registry
     * @param repository the repository path, such as {@code acme/app}
     * @param credential the credential the push found, if any
     */
    RegistryReader(FailoverHttpClient http, RegistryAddress address, String repository,
                   Optional<RegistryCredential> credential) {
        this.http = http;
        this.apiBase = "https://" + address.apiHost() + "/v2/" + repository;
        this.repository = repository;
        this.credential = credential;
    }

    /**
     * The exact bytes of a manifest.
     *
     * @param reference a tag or digest
     * @param mediaType the media type to accept
     * @return the bytes, or empty when the registry has no such manifest
     * @throws IOException when the registry cannot be reached or answers with an error other than 404
     */
    Optional<byte[]> manifest(String reference, String mediaType) throws IOException {
        return get(apiBase + "/manifests/" + reference, mediaType);
    }

    /**
     * Whether the registry implements {@code GET /v2/<name>/referrers/<digest>}: it answers with an image index.
     * A registry without the API answers 404 (distribution: unknown route).
     *
     * @param digest the subject digest to ask about
     * @return whether the API exists
     * @throws IOException when the registry cannot be reached or answers with an error other than 404
     */
    boolean hasReferrersApi(String digest) throws IOException {
        Optional<byte[]> answer = get(apiBase + "/referrers/" + digest, ReferrerDocuments.INDEX_MEDIA_TYPE);
        if (answer.isEmpty()) {
            return false;
        }
        JsonNode index = new ObjectMapper().readTree(answer.get());
        return index.path("manifests").isArray();
    }

    private Optional<byte[]> get(String url, String accept) throws IOException {
        try {
            return Optional.of(send(url, accept));
        } catch (ResponseException e) {
            if (e.getStatusCode() == 401 && authorization == null) {
                authorization = authorize(e.getHeaders().getAuthenticate());
                return get(url, accept);
            }
            if (e.getStatusCode() == 404) {
                return Optional.empty();
            }
            throw e;
        }
    }

    private byte[] send(String url, String accept) throws IOException {
        Request request = Request.builder().setAccept(List.of(accept)).setUserAgent("scratchpack")
                .setAuthorization(authorization).build();
        try (Response response = http.get(new URL(url), request)) {
            return response.getBody().readAllBytes();
        }
    }

    private Authorization authorize(String challenge) throws IOException {
        if (challenge == null) {
            throw new IOException("The registry answered 401 without a WWW-Authenticate challenge");
        }
        if (challenge.regionMatches(true, 0, "Basic", 0, 5)) {
            return credential.map(found -> Authorization.fromBasicCredentials(found.username(), found.password()))
                    .orElseThrow(() -> new IOException("The registry needs credentials to read " + repository));
        }
        if (!challenge.regionMatches(true, 0, "Bearer", 0, 6)) {
            throw new IOException("The registry asks for an unknown authentication scheme: "
                    + challenge.split(" ", 2)[0]);
        }
        Map<String, String> parameters = new HashMap<>();
        Matcher matcher = CHALLENGE_PARAMETER.matcher(challenge);
        while (matcher.find()) {
            parameters.put(matcher.group(1).toLowerCase(Locale.ROOT), matcher.group(2));
        }
        String realm = parameters.get("realm");
        if (realm == null) {
            throw new IOException("The registry's Bearer challenge names no realm");
        }
        StringBuilder url = new StringBuilder(realm).append(realm.contains("?") ? '&' : '?')
                .append("scope=").append(encode("repository:" + repository + ":pull"));
        if (parameters.containsKey("service")) {
            url.append("&service=").append(encode(parameters.get("service")));
        }
        Request request = Request.builder().setUserAgent("scratchpack").setAuthorization(credential
                .map(found -> Authorization.fromBasicCredentials(found.username(), found.password())).orElse(null))
                .build();
        try (Response response = http.get(new URL(url.toString()), request)) {
            JsonNode token = new ObjectMapper().readTree(response.getBody());
            String value = token.hasNonNull("token") ? token.get("token").asText() : token.path("access_token").asText();
            if (value.isEmpty()) {
                throw new IOException("The registry's token service at " + realm + " answered without a token");
            }
            return Authorization.fromBearerToken(value);
        }
    }

    private static String encode(String value) {
        return URLEncoder.encode(value, StandardCharsets.UTF_8);
    }
}
