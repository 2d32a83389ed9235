package io.github.scratchpack.credentials;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.github.scratchpack.network.PushException;
import io.github.scratchpack.network.RegistryAddress;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The lookup order inside one Docker config.json: credHelpers, then credsStore, then auths. */
class DockerConfigCredentialsTest {
    private static final RegistryAddress REGISTRY = RegistryAddress.parse("registry.example:5000");

    @TempDir
    Path dir;

    /** The helpers that were asked, as {@code helper server}; each answers from a fixed map. */
    private final List<String> asked = new ArrayList<>();

    private Optional<RegistryCredential> find(String json, Map<String, RegistryCredential> helperAnswers)
            throws Exception {
        Path file = Files.writeString(dir.resolve("config.json"), json, StandardCharsets.UTF_8);
        DockerConfigCredentials.HelperRunner helpers = (helper, server) -> {
            asked.add(helper + " " + server);
            return Optional.ofNullable(helperAnswers.get(helper));
        };
        return new DockerConfigCredentials("Docker config", file, false, helpers, event -> { }).find(REGISTRY);
    }

    private static String auths(String user, String password) {
        String auth = Base64.getEncoder().encodeToString((user + ":" + password).getBytes(StandardCharsets.UTF_8));
        return "\"auths\":{\"registry.example:5000\":{\"auth\":\"" + auth + "\"}}";
    }

    @Test
    void aCredHelperForTheRegistryWinsOverCredsStoreAndAuths() throws Exception {
        Optional<RegistryCredential> found = find("{\"credHelpers\":{\"registry.example:5000\":\"ecr-login\"},"
                + "\"credsStore\":\"desktop\"," + auths("from-auths", "a") + "}",
                Map.of("ecr-login", new RegistryCredential("from-helper", "h"), "desktop", new RegistryCredential("store", "s")));
        assertEquals("from-helper", found.orElseThrow().username());
        assertEquals(List.of("ecr-login registry.example:5000"), asked);
    }

    @Test
    void credsStoreIsAskedBeforeAuthsAndAnEmptyAnswerFallsBackToAuths() throws Exception {
        assertEquals("store", find("{\"credsStore\":\"desktop\"," + auths("from-auths", "a") + "}",
                Map.of("desktop", new RegistryCredential("store", "s"))).orElseThrow().username());
        asked.clear();
        assertEquals("from-auths", find("{\"credsStore\":\"desktop\"," + auths("from-auths", "a") + "}", Map.of())
                .orElseThrow().username());
        assertEquals("desktop registry.example:5000", asked.get(0));
    }

    @Test
    void aHelperNamedByPathIsRefusedAndNeverRun() {
        PushException failure = assertThrows(PushException.class,
                () -> find("{\"credHelpers\":{\"registry.example:5000\":\"../../bin/sh\"}}", Map.of()));
        assertTrue(failure.getMessage().contains(dir.resolve("config.json").toString()), failure.getMessage());
        assertEquals(List.of(), asked);
    }
}
