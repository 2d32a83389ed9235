package io.github.scratchpack.registry;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.github.scratchpack.credentials.CredentialChain;
import io.github.scratchpack.credentials.RegistryCredential;
import io.github.scratchpack.image.ImageReference;
import io.github.scratchpack.network.PushException;
import io.github.scratchpack.output.TarballImage;
import io.github.scratchpack.testing.LocalRegistry;
import io.github.scratchpack.testing.TestCertificates;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Pushes over HTTPS to a real registry whose certificate a throw-away test CA signed. */
class RegistryTlsTest {
    @TempDir
    Path dir;

    @Test
    void theTestCaGivenAsRegistryCertificatesIsTrustedAndWithoutItTheCertificateIsRefused() throws Exception {
        TarballImage image = PushFixtures.image(dir, 0);
        TestCertificates certificates = TestCertificates.create(dir.resolve("pki"));
        try (LocalRegistry registry = LocalRegistry.start(dir.resolve("registry"), "tls-user", "tls-Pa55", certificates)) {
            ImageReference reference = ImageReference.parse(registry.address() + "/demo/app:1.0");
            CredentialChain credentials = PushFixtures.settingsOnly(
                    Map.of("127.0.0.1", new RegistryCredential("tls-user", "tls-Pa55")), dir.resolve("home"));

            PushException refused = assertThrows(PushException.class, () -> new RegistryPush(
                    PushFixtures.options(null, null), credentials, new RecordingPushListener(), event -> { })
                    .push(image, reference, List.of()));
            assertTrue(refused.getMessage().startsWith("The TLS connection to the registry " + registry.address()
                    + " failed: its certificate is not trusted"), refused.getMessage());
            assertTrue(refused.getMessage().contains("scratchpack.registryCertificates"), refused.getMessage());
            assertTrue(!registry.log().contains("\"PUT /v2/"), "nothing may be pushed over an untrusted connection");

            PushResult pushed = new RegistryPush(PushFixtures.options(certificates.caCertificate(), null), credentials,
                    new RecordingPushListener(), event -> { }).push(image, reference, List.of());
            assertEquals(image.manifestDigest(), pushed.digest());
            Path certDirectory = Files.createDirectories(dir.resolve("skopeo-certs"));
            Files.copy(certificates.caCertificate(), certDirectory.resolve("ca.crt"));
            assertEquals(image.manifestDigest(), RegistryPushTest.skopeoDigest(reference.toString(),
                    "--cert-dir", certDirectory.toString(), "--creds", "tls-user:tls-Pa55"));
        }
    }
}
