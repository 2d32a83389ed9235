package io.github.scratchpack.registry;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.github.scratchpack.credentials.CredentialChain;
import io.github.scratchpack.image.ImageReference;
import io.github.scratchpack.network.PushException;
import io.github.scratchpack.output.TarballImage;
import io.github.scratchpack.testing.ExternalTool;
import io.github.scratchpack.testing.LocalRegistry;
import io.github.scratchpack.testing.Podman;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Pushes a real image to a real distribution registry on loopback, and reads it back with skopeo. */
class RegistryPushTest {
    @TempDir
    Path dir;
    private TarballImage image;

    @BeforeEach
    void buildImage() throws Exception {
        image = PushFixtures.image(dir, 0);
    }

    private PushResult push(LocalRegistry registry, String repository, RegistryPush.Options options,
                            CredentialChain credentials) throws Exception {
        return new RegistryPush(options, credentials, new RecordingPushListener(), event -> { })
                .push(image, ImageReference.parse(registry.address() + "/" + repository + ":1.0"), PushFixtures.tags());
    }

    private CredentialChain noCredentials() {
        return PushFixtures.settingsOnly(Map.of(), dir.resolve("home"));
    }

    static String skopeoDigest(String reference, String... options) throws Exception {
        String skopeo = ExternalTool.require("skopeo").toString();
        List<String> command = new java.util.ArrayList<>(List.of(skopeo, "inspect"));
        command.addAll(List.of(options));
        command.add("docker://" + reference);
        return new ObjectMapper().readTree(ExternalTool.check(command)).get("Digest").asText();
    }

    @Test
    void plainHttpPushGivesTheTarballDigestAndASecondPushUploadsNothing() throws Exception {
        try (LocalRegistry registry = LocalRegistry.start(dir.resolve("registry"))) {
            PushResult first = push(registry, "demo/app", PushFixtures.options(null, null), noCredentials());
            assertEquals(image.manifestDigest(), first.digest());
            assertEquals(image.blobs().size(), first.uploadedBlobs());
            long blobBytes = image.blobs().stream().mapToLong(TarballImage.StoredBlob::size).sum();
            assertEquals(blobBytes, first.uploadedBytes());
            assertEquals(List.of(registry.address() + "/demo/app:1.0", registry.address() + "/demo/app:latest"),
                    first.references());
            assertEquals(image.manifestDigest(), skopeoDigest(registry.address() + "/demo/app:1.0", "--tls-verify=false"));
            assertEquals(image.manifestDigest(), skopeoDigest(registry.address() + "/demo/app:latest", "--tls-verify=false"));
            long uploadsAfterFirst = registry.blobUploadRequests();
            assertTrue(uploadsAfterFirst >= image.blobs().size(), registry.log());

            PushResult second = push(registry, "demo/app", PushFixtures.options(null, null), noCredentials());
            assertEquals(0, second.uploadedBlobs());
            assertEquals(0, second.uploadedBytes());
            assertEquals(image.blobs().size(), second.existingBlobs());
            assertEquals(uploadsAfterFirst, registry.blobUploadRequests(), "the registry log shows a second upload");
        }
    }

    @Test
    void podmanPullsAndRunsThePushedImage() throws Exception {
        try (LocalRegistry registry = LocalRegistry.start(dir.resolve("registry"))) {
            push(registry, "demo/app", PushFixtures.options(null, null), noCredentials());
            String reference = registry.address() + "/demo/app:1.0";
            ExternalTool.check(Podman.command("pull", "--tls-verify=false", reference));
            try {
                String output = ExternalTool.check(Podman.command("run", "--rm", reference, "--report"));
                assertTrue(output.contains("uid=65532 gid=65532 certs=yes passwd=yes tmp=yes"), output);
                String id = ExternalTool.check(Podman.command("image", "inspect", "--format", "{{.Digest}}", reference));
                assertEquals(image.manifestDigest(), id.strip());
            } finally {
                ExternalTool.run(java.time.Duration.ofMinutes(1), Podman.command("rmi", "-f", reference));
            }
        }
    }

    @Test
    void blobsAreMountedFromAnotherRepositoryInsteadOfSentAgain() throws Exception {
        try (LocalRegistry registry = LocalRegistry.start(dir.resolve("registry"))) {
            push(registry, "demo/app", PushFixtures.options(null, null), noCredentials());
            long uploadsBefore = registry.blobUploadRequests();
            RegistryPush.Options mounting = new RegistryPush.Options(false, null, 3, PushFixtures.quickRetry(3),
                    " " + registry.address() + "/demo/app ", null);
            PushResult copy = push(registry, "other/app", mounting, noCredentials());
            assertEquals(image.blobs().size(), copy.mountedBlobs());
            assertEquals(0, copy.uploadedBytes());
            assertEquals(uploadsBefore, registry.blobUploadRequests());
            assertTrue(registry.log().contains("mount=" + image.config().digest()), registry.log());
            assertEquals(image.manifestDigest(), skopeoDigest(registry.address() + "/other/app:1.0", "--tls-verify=false"));
        }
    }

    @Test
    void anUnreachableRegistryFailsAtOnceNamingIt() throws Exception {
        Path stopped = dir.resolve("stopped");
        String address;
        try (LocalRegistry registry = LocalRegistry.start(stopped)) {
            address = registry.address();
        }
        PushException failure = assertThrows(PushException.class, () -> new RegistryPush(PushFixtures.options(null, null),
                noCredentials(), new RecordingPushListener(), event -> { })
                .push(image, ImageReference.parse(address + "/demo/app:1.0"), List.of()));
        assertTrue(failure.getMessage().startsWith("The registry " + address + " cannot be reached"), failure.getMessage());
        assertFalse(failure.getMessage().contains("\n"), failure.getMessage());
    }
}
