package io.github.scratchpack.registry;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.google.cloud.tools.jib.http.ResponseException;
import io.github.scratchpack.network.Causes;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/** Reads what a registry answered from the exceptions jib throws: the HTTP status and the error codes. */
final class RegistryResponses {
    private static final ObjectMapper JSON = new ObjectMapper();

    private RegistryResponses() {
    }

    /** The registry's response in a cause chain, if there was one. */
    static Optional<ResponseException> response(Throwable failure) {
        return Causes.find(failure, ResponseException.class);
    }

    /** The error codes, such as {@code NAME_UNKNOWN} or {@code DENIED}, of a registry's error body. */
    static List<String> errorCodes(ResponseException response) {
        List<String> codes = new ArrayList<>();
        String content = response.getContent();
        if (content == null || content.isBlank()) {
            return codes;
        }
        try {
            for (JsonNode error : JSON.readTree(content).path("errors")) {
                codes.add(error.path("code").asText());
            }
        } catch (IOException e) {
            return codes;
        }
        return codes;
    }

    /** The message of the first error in a registry's error body, or empty. */
    static String firstErrorMessage(ResponseException response) {
        String content = response.getContent();
        if (content == null || content.isBlank()) {
            return "";
        }
        try {
            return JSON.readTree(content).path("errors").path(0).path("message").asText("");
        } catch (IOException e) {
            return "";
        }
    }
}
