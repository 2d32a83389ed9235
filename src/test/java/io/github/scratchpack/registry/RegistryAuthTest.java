package io.github.scratchpack.registry;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.github.scratchpack.credentials.CredentialChain;
import io.github.scratchpack.credentials.GivenCredentials;
import io.github.scratchpack.credentials.RegistryCredential;
import io.github.scratchpack.credentials.SettingsServerCredentials;
import io.github.scratchpack.image.ImageReference;
import io.github.scratchpack.network.PushException;
import io.github.scratchpack.output.TarballImage;
import io.github.scratchpack.testing.LocalRegistry;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Pushes to a real registry that requires an htpasswd (bcrypt) login, with credentials from each source. */
class RegistryAuthTest {
    private static final String USER = "pusher";
    private static final String PASSWORD = "s3cret-Pa55word";

    @TempDir
    Path dir;
    private TarballImage image;
    private LocalRegistry registry;

    @BeforeEach
    void start() throws Exception {
        image = PushFixtures.image(dir, 0);
        registry = LocalRegistry.start(dir.resolve("registry"), USER, PASSWORD, null);
    }

    @AfterEach
    void stop() throws Exception {
        registry.close();
    }

    private PushResult push(CredentialChain credentials) throws Exception {
        return new RegistryPush(PushFixtures.options(null, null), credentials, new RecordingPushListener(), event -> { })
                .push(image, ImageReference.parse(registry.address() + "/demo/app:1.0"), List.of());
    }

    @Test
    void settingsServerWithTheHostAsIdLogsIn() throws Exception {
        PushResult result = push(PushFixtures.settingsOnly(Map.of("127.0.0.1", new RegistryCredential(USER, PASSWORD)),
                dir.resolve("home")));
        assertEquals(image.manifestDigest(), result.digest());
        assertEquals(image.manifestDigest(), RegistryPushTest.skopeoDigest(registry.address() + "/demo/app:1.0",
                "--tls-verify=false", "--creds", USER + ":" + PASSWORD));
    }

    @Test
    void dockerConfigAuthsLogIn() throws Exception {
        Path config = Files.createDirectories(dir.resolve("docker"));
        String auth = Base64.getEncoder().encodeToString((USER + ":" + PASSWORD).getBytes(StandardCharsets.UTF_8));
        Files.writeString(config.resolve("config.json"),
                "{\"auths\":{\"" + registry.address() + "\":{\"auth\":\"" + auth + "\"}}}");
        CredentialChain chain = CredentialChain.standard(new GivenCredentials(null, null),
                new SettingsServerCredentials(id -> java.util.Optional.empty()),
                Map.of("DOCKER_CONFIG", config.toString()), dir.resolve("home"), event -> { });
        assertEquals(image.manifestDigest(), push(chain).digest());
    }

    @Test
    void aWrongPasswordFailsOnAuthenticationWithoutShowingThePassword() {
        String wrong = "wrong-Pa55word-123";
        PushException failure = assertThrows(PushException.class, () -> push(PushFixtures.settingsOnly(
                Map.of(registry.address(), new RegistryCredential(USER, wrong)), dir.resolve("home"))));
        String message = failure.getMessage();
        assertTrue(message.startsWith("Authentication with the registry " + registry.address() + " failed"), message);
        assertTrue(message.contains("settings.xml <server> with id " + registry.address()), message);
        assertFalse(message.contains(wrong), message);
        assertFalse(message.contains(PASSWORD), message);
        for (Throwable cause = failure; cause != null; cause = cause.getCause()) {
            assertFalse(String.valueOf(cause.getMessage()).contains(wrong), cause.toString());
        }
    }

    @Test
    void missingCredentialsListEverySourceTried() {
        PushException failure = assertThrows(PushException.class, () -> push(CredentialChain.standard(
                new GivenCredentials(null, null), new SettingsServerCredentials(id -> java.util.Optional.empty()),
                Map.of("XDG_RUNTIME_DIR", dir.resolve("run").toString()), dir.resolve("home"), event -> { })));
        String message = failure.getMessage();
        assertTrue(message.startsWith("The registry " + registry.address() + " needs credentials, and none were found."),
                message);
        assertTrue(message.contains("scratchpack.username"), message);
        assertTrue(message.contains("settings.xml <server> with id " + registry.address() + " or 127.0.0.1"), message);
        assertTrue(message.contains("Docker config " + dir.resolve("home/.docker/config.json")), message);
        assertTrue(message.contains("containers auth file " + dir.resolve("run/containers/auth.json")), message);
    }
}
