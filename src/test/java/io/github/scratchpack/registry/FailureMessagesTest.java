package io.github.scratchpack.registry;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.github.scratchpack.image.ImageReference;
import io.github.scratchpack.output.TarballImage;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
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
}
