package io.github.scratchpack.registry;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.github.scratchpack.credentials.CredentialChain;
import io.github.scratchpack.credentials.RegistryCredential;
import io.github.scratchpack.image.ImageReference;
import io.github.scratchpack.network.ProxySelection;
import io.github.scratchpack.network.PushException;
import io.github.scratchpack.output.TarballImage;
import io.github.scratchpack.testing.ForwardProxy;
import io.github.scratchpack.testing.LocalRegistry;
import io.github.scratchpack.testing.TestCertificates;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.Predicate;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Pushes through a real forward proxy (squid, with a proxy login) to a real registry whose name only the proxy
 * resolves: {@code registry.scratchpack.invalid} resolves nowhere else, so a direct connection fails for sure.
 */
class ProxyPushTest {
    private static final String REGISTRY_NAME = "registry.scratchpack.invalid";
    private static final String PROXY_USER = "proxy-user";
    private static final String PROXY_PASSWORD = "Pr0xy-Secret-5b1e";
    /** How long squid may take to log a request it has answered. */
    private static final Duration LOG_WAIT = Duration.ofSeconds(15);

    @TempDir
    Path dir;
    private TarballImage image;
    private final List<String> debugLog = new CopyOnWriteArrayList<>();

    @BeforeEach
    void buildImage() throws Exception {
        image = PushFixtures.image(dir, 0);
    }

    @Test
    void httpsPushGoesThroughTheProxysConnectTunnelWithTheProxyLoginFromHttpsProxy() throws Exception {
        TestCertificates certificates = TestCertificates.create(dir.resolve("pki"), List.of(REGISTRY_NAME));
        try (LocalRegistry registry = LocalRegistry.start(dir.resolve("registry"), "tls-user", "tls-Pa55", certificates);
             ForwardProxy proxy = ForwardProxy.start(PROXY_USER, PROXY_PASSWORD, Map.of(REGISTRY_NAME, "127.0.0.1"))) {
            String port = registry.address().substring(registry.address().indexOf(':') + 1);
            ImageReference reference = ImageReference.parse(REGISTRY_NAME + ":" + port + "/demo/app:1.0");
            CredentialChain credentials = PushFixtures.settingsOnly(
                    Map.of(REGISTRY_NAME, new RegistryCredential("tls-user", "tls-Pa55")), dir.resolve("home"));
            RegistryPush direct = new RegistryPush(PushFixtures.options(certificates.caCertificate(), null), credentials,
                    new RecordingPushListener(), event -> debugLog.add(event.getMessage()));

            PushException unreachable = assertThrows(PushException.class, () -> direct.push(image, reference, List.of()));
            assertTrue(unreachable.getMessage().contains("cannot be reached (UnknownHostException"),
                    unreachable.getMessage());

            String url = "http://" + PROXY_USER + ":" + PROXY_PASSWORD + "@" + proxy.address();
            PushResult pushed = direct.through(new ProxySelection(List.of(), Map.of(),
                    Map.of("HTTPS_PROXY", url, "NO_PROXY", "localhost,.example.com"))).push(image, reference, List.of("latest"));

            assertEquals(image.manifestDigest(), pushed.digest());
            Predicate<String> tunnel = line -> line.contains("TCP_TUNNEL/200")
                    && line.contains("CONNECT " + REGISTRY_NAME + ":" + port) && line.contains(" " + PROXY_USER + " ");
            String accessLog = proxy.accessLog(tunnel, 2, LOG_WAIT);
            assertTrue(accessLog.lines().filter(tunnel).count() >= 2, "the connection check and the push each open a tunnel:\n" + accessLog);
            Predicate<String> manifestPut = line -> line.contains("\"PUT /v2/demo/app/manifests/latest");
            String registryLog = registry.log(manifestPut, 1, LOG_WAIT);
            assertTrue(registryLog.lines().anyMatch(manifestPut), registryLog);
            Path certDirectory = Files.createDirectories(dir.resolve("skopeo-certs"));
            Files.copy(certificates.caCertificate(), certDirectory.resolve("ca.crt"));
            assertEquals(image.manifestDigest(), RegistryPushTest.skopeoDigest(registry.address() + "/demo/app:latest",
                    "--cert-dir", certDirectory.toString(), "--creds", "tls-user:tls-Pa55"));
            assertNoProxySecret(String.join("\n", debugLog) + accessLog + unreachable.getMessage());
        }
    }

    @Test
    void plainHttpPushSendsAbsoluteRequestsThroughTheSettingsProxy() throws Exception {
        try (LocalRegistry registry = LocalRegistry.start(dir.resolve("registry"));
             ForwardProxy proxy = ForwardProxy.start(PROXY_USER, PROXY_PASSWORD, Map.of(REGISTRY_NAME, "127.0.0.1"))) {
            String port = registry.address().substring(registry.address().indexOf(':') + 1);
            ImageReference reference = ImageReference.parse(REGISTRY_NAME + ":" + port + "/demo/app:1.0");
            ProxySelection settings = new ProxySelection(List.of(new ProxySelection.ConfiguredProxy("corp", "http",
                    "127.0.0.1", proxy.port(), PROXY_USER, PROXY_PASSWORD, "localhost|*.example.com")), Map.of(),
                    Map.of("HTTPS_PROXY", "http://127.0.0.1:9"));
            RegistryPush push = new RegistryPush(new RegistryPush.Options(true, null, 2, PushFixtures.quickRetry(2),
                    null, null), PushFixtures.settingsOnly(Map.of(), dir.resolve("home")), new RecordingPushListener(),
                    event -> debugLog.add(event.getMessage())).through(settings);

            assertEquals(image.manifestDigest(), push.push(image, reference, List.of()).digest());

            String target = "http://" + REGISTRY_NAME + ":" + port + "/v2/demo/app/manifests/1.0";
            Predicate<String> manifestPut = line -> line.contains("PUT " + target) && line.contains(" " + PROXY_USER + " ");
            String accessLog = proxy.accessLog(manifestPut, 1, LOG_WAIT);
            assertTrue(accessLog.lines().anyMatch(manifestPut),
                    "the manifest PUT went through the proxy, logged in:\n" + accessLog);
            assertTrue(debugLog.stream().anyMatch(line -> line.contains("through the proxy 127.0.0.1:" + proxy.port()
                    + " (from settings.xml <proxy> corp)")), String.join("\n", debugLog));
            assertNoProxySecret(String.join("\n", debugLog) + accessLog);
        }
    }

    @Test
    void aWrongProxyPasswordIsReportedAsTheProxysRefusalWithoutTheSecret() throws Exception {
        try (LocalRegistry registry = LocalRegistry.start(dir.resolve("registry"));
             ForwardProxy proxy = ForwardProxy.start(PROXY_USER, PROXY_PASSWORD, Map.of(REGISTRY_NAME, "127.0.0.1"))) {
            String port = registry.address().substring(registry.address().indexOf(':') + 1);
            String wrong = "Wr0ng-Pr0xy-Pa55";
            ProxySelection settings = new ProxySelection(List.of(new ProxySelection.ConfiguredProxy("corp", "https",
                    "127.0.0.1", proxy.port(), PROXY_USER, wrong, null)), Map.of(), Map.of());
            RegistryPush push = new RegistryPush(new RegistryPush.Options(true, null, 2, PushFixtures.quickRetry(1),
                    null, null), PushFixtures.settingsOnly(Map.of(), dir.resolve("home")), new RecordingPushListener(),
                    event -> debugLog.add(event.getMessage())).through(settings);

            PushException refused = assertThrows(PushException.class, () -> push.push(image,
                    ImageReference.parse(REGISTRY_NAME + ":" + port + "/demo/app:1.0"), List.of()));

            assertEquals("The registry " + REGISTRY_NAME + ":" + port + " cannot be reached (the proxy 127.0.0.1:"
                    + proxy.port() + " (from settings.xml <proxy> corp) rejected its user name and password). Check"
                    + " the <proxy> in settings.xml, the proxy variables or the -D...proxyHost properties, and that the"
                    + " proxy and the registry are running.", refused.getMessage());
            assertFalse(registry.log().contains("/v2/demo/app"), "nothing reached the registry");
            for (String secret : List.of(wrong, base64(PROXY_USER + ":" + wrong))) {
                assertFalse((refused.getMessage() + String.join("\n", debugLog)).contains(secret));
            }
        }
    }

    private static void assertNoProxySecret(String text) {
        assertFalse(text.contains(PROXY_PASSWORD), "the proxy password is in the logs");
        assertFalse(text.contains(base64(PROXY_USER + ":" + PROXY_PASSWORD).replaceAll("=+$", "")),
                "the proxy's Basic credentials are in the logs");
    }

    private static String base64(String text) {
        return Base64.getEncoder().encodeToString(text.getBytes(StandardCharsets.UTF_8));
    }
}
