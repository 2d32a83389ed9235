package io.github.scratchpack.registry;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.github.scratchpack.credentials.CredentialChain;
import io.github.scratchpack.credentials.RegistryCredential;
import io.github.scratchpack.image.ImageReference;
import io.github.scratchpack.network.PushException;
import io.github.scratchpack.network.RegistryAddress;
import io.github.scratchpack.output.TarballImage;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.apache.http.NoHttpResponseException;
import org.apache.http.client.ClientProtocolException;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Drives jib against scripted registry answers and checks the one-line messages and the retries. */
class FailureMessagesTest {
    @TempDir
    Path dir;
    private TarballImage image;

    @BeforeEach
    void buildImage() throws Exception {
        image = PushFixtures.image(dir, 0);
    }

    private PushException failure(ScriptedRegistry registry, int attempts) {
        RegistryPush push = new RegistryPush(new RegistryPush.Options(false, null, 1,
                new Retry(attempts, java.time.Duration.ZERO, java.time.Duration.ZERO, duration -> { }), null, null),
                PushFixtures.settingsOnly(Map.of("127.0.0.1", new RegistryCredential("ci", "hidden-Pa55")),
                        dir.resolve("home")), new RecordingPushListener(), event -> { });
        return assertThrows(PushException.class,
                () -> push.push(image, ImageReference.parse(registry.address() + "/acme/app:1.0"), List.of()));
    }

    @Test
    void deniedNamesTheRepositoryAndTheCredentialSource() throws Exception {
        try (ScriptedRegistry registry = new ScriptedRegistry(403,
                "{\"errors\":[{\"code\":\"DENIED\",\"message\":\"requested access to the resource is denied\"}]}")) {
            String message = failure(registry, 3).getMessage();
            assertEquals("The registry " + registry.address() + " denied the credentials from settings.xml <server>"
                    + " with id " + registry.address() + " or 127.0.0.1 access to acme/app (DENIED: requested access to"
                    + " the resource is denied). Check that this account may push to acme/app. Sources tried, in order:"
                    + " the scratchpack.username and scratchpack.password parameters; settings.xml <server> with id "
                    + registry.address() + " or 127.0.0.1.", message);
        }
    }

    @Test
    void deniedAnonymousAccessListsTheSourcesTriedAndHowToAddCredentials() throws Exception {
        try (ScriptedRegistry registry = new ScriptedRegistry(403,
                "{\"errors\":[{\"code\":\"DENIED\",\"message\":\"requested access to the resource is denied\"}]}")) {
            RegistryPush push = new RegistryPush(new RegistryPush.Options(false, null, 1,
                    new Retry(1, java.time.Duration.ZERO, java.time.Duration.ZERO, duration -> { }), null, null),
                    PushFixtures.settingsOnly(Map.of(), dir.resolve("home")), new RecordingPushListener(), event -> { });
            String message = assertThrows(PushException.class, () -> push.push(image,
                    ImageReference.parse(registry.address() + "/acme/app:1.0"), List.of())).getMessage();
            assertTrue(message.startsWith("The registry " + registry.address() + " denied anonymous access to acme/app"
                    + " (DENIED: requested access to the resource is denied), and no credentials were found. Sources"
                    + " tried, in order: the scratchpack.username"), message);
            assertTrue(message.endsWith("Add a <server> with id " + registry.address() + " to settings.xml, or log in"
                    + " with docker login or podman login."), message);
        }
    }

    @Test
    void nameUnknownSaysToCreateTheRepository() throws Exception {
        try (ScriptedRegistry registry = new ScriptedRegistry(404,
                "{\"errors\":[{\"code\":\"NAME_UNKNOWN\",\"message\":\"repository name not known to registry\"}]}")) {
            String message = failure(registry, 3).getMessage();
            assertTrue(message.startsWith("The registry " + registry.address() + " has no repository acme/app"
                    + " (NAME_UNKNOWN: repository name not known to registry). Create it"), message);
        }
    }

    @Test
    void serverErrorsAreRetriedThenReported() throws Exception {
        try (ScriptedRegistry registry = new ScriptedRegistry(503,
                "{\"errors\":[{\"code\":\"UNAVAILABLE\",\"message\":\"maintenance\"}]}")) {
            String message = failure(registry, 3).getMessage();
            assertTrue(message.startsWith("The registry " + registry.address() + " kept failing with HTTP 503"), message);
            long uploadStarts = registry.requests.stream().filter(request -> request.startsWith("POST ")).count();
            assertEquals(3, uploadStarts, "one blob is tried three times, then the push stops: " + registry.requests);
            assertTrue(registry.requests.stream().noneMatch(request -> request.contains("/manifests/")),
                    "a manifest was pushed although its blobs failed");
        }
    }

    @Test
    void aRateLimitThatNeverLiftsSaysSo() throws Exception {
        try (ScriptedRegistry registry = new ScriptedRegistry(429,
                "{\"errors\":[{\"code\":\"TOOMANYREQUESTS\",\"message\":\"slow down\"}]}")) {
            String message = failure(registry, 2).getMessage();
            assertTrue(message.startsWith("The registry " + registry.address() + " kept answering HTTP 429 Too Many"
                    + " Requests (TOOMANYREQUESTS: slow down), also after waiting"), message);
        }
    }

    @Test
    void clientErrorsAreNotRetried() throws Exception {
        try (ScriptedRegistry registry = new ScriptedRegistry(404, "{\"errors\":[{\"code\":\"NAME_UNKNOWN\"}]}")) {
            failure(registry, 3);
            long uploadStarts = registry.requests.stream().filter(request -> request.startsWith("POST ")).count();
            assertTrue(uploadStarts <= image.blobs().size(), registry.requests.toString());
        }
    }

    /**
     * A one-part name goes to Docker Hub's library/ namespace, where every account is refused; the message names that
     * cause and the fix instead of the account's rights. The failure is a real one from jib, against a scripted registry
     * that answers as Docker Hub does; Docker Hub itself is not contacted.
     */
    @Test
    void aOnePartNameOnDockerHubNamesTheOfficialNamespaceAndTheFix() throws Exception {
        for (String body : List.of("{\"errors\":[{\"code\":\"DENIED\",\"message\":\"requested access to the"
                + " resource is denied\"}]}", "{\"errors\":[{\"code\":\"UNAUTHORIZED\"}]}")) {
            try (ScriptedRegistry registry = new ScriptedRegistry(body.contains("DENIED") ? 403 : 401, body)) {
                Exception jibFailure = (Exception) failure(registry, 1).getCause();
                RegistryAddress dockerHub = RegistryAddress.parse(ImageReference.DEFAULT_REGISTRY);
                CredentialChain.Lookup withAccount = new CredentialChain.Lookup(
                        Optional.of(new RegistryCredential("jdoe", "hidden")), "Docker config", List.of());
                String message = FailureMessages.explain(jibFailure, dockerHub, "library/app", withAccount,
                        TagProgress.none(), true);
                assertTrue(message.startsWith("The image name app has one part, so Docker Hub (docker.io) files it under"
                        + " library/app, the namespace of Docker's official images, where no account may push"), message);
                assertTrue(message.endsWith(". Put your Docker Hub user or organization in front of the name in"
                        + " scratchpack.image, such as jdoe/app."), message);
                CredentialChain.Lookup anonymous = new CredentialChain.Lookup(Optional.empty(), "", List.of());
                assertTrue(FailureMessages.explain(jibFailure, dockerHub, "library/app", anonymous, TagProgress.none(),
                        true).endsWith("such as <your-namespace>/app."));
                assertTrue(FailureMessages.explain(jibFailure, dockerHub, "library/app", withAccount, TagProgress.none(),
                        false).startsWith(body.contains("DENIED") ? "The registry docker.io denied the credentials"
                        : "Authentication with the registry docker.io failed"),
                        "a library/ name the user wrote is not blamed on the name");
            }
        }
    }

    @Test
    void theTagStateSaysWhichTagsPointAtTheNewImage() {
        assertEquals("no tag was changed", TagProgress.none().sentence());
        assertEquals("r/app:1.0 now points at sha256:ab, but r/app:latest and r/app:1 were not changed",
                new TagProgress("sha256:ab", List.of("r/app:1.0"), List.of("r/app:latest", "r/app:1")).sentence());
        assertEquals("r/app:1.0 and r/app:1 now point at sha256:ab, but r/app:latest was not changed",
                new TagProgress("sha256:ab", List.of("r/app:1.0", "r/app:1"), List.of("r/app:latest")).sentence());
    }

    @Test
    void aLostConnectionWithoutAMessageOfItsOwnGivesTheFirstReasonInTheChain() {
        // Apache's ClientProtocolException keeps its cause without taking over its message
        CredentialChain.Lookup anonymous = new CredentialChain.Lookup(Optional.empty(), "", List.of());
        RegistryAddress registry = RegistryAddress.parse("registry.example");
        assertTrue(FailureMessages.explain(new ClientProtocolException(
                new NoHttpResponseException("registry.example:443 failed to respond")), registry,
                "acme/app", anonymous, TagProgress.none(), false).startsWith("The registry registry.example stopped"
                + " answering during the push (registry.example:443 failed to respond); no tag was changed."));
        assertTrue(FailureMessages.explain(new ClientProtocolException(), registry, "acme/app",
                anonymous, TagProgress.none(), false).contains("(ClientProtocolException)"));
    }
}
