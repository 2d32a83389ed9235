package io.github.scratchpack.image;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.github.scratchpack.elf.ElfInfo;
import java.io.ByteArrayInputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyStore;
import java.security.cert.CertificateFactory;
import java.security.cert.X509Certificate;
import java.util.Collections;
import java.util.HashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import javax.net.ssl.TrustManagerFactory;
import javax.net.ssl.X509TrustManager;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The image's certificates as a Java trust store, and the entrypoint that makes a native executable use it. */
class JavaTrustStoreTest {
    private static final ElfInfo AMD64 = new ElfInfo(62, true, true, 2, Optional.empty(), List.of());

    @TempDir
    Path directory;

    private static byte[] pem() throws Exception {
        return CaCertificates.fromJavaRuntime(Path.of(System.getProperty("java.home")));
    }

    @Test
    void theStoreTrustsExactlyTheBundlesCertificatesWithoutAPassword() throws Exception {
        byte[] pem = pem();
        Path file = Files.write(directory.resolve("cacerts"), JavaTrustStore.fromPem(pem));

        // as the JDK's TrustStoreManager loads it when javax.net.ssl.trustStorePassword is not set
        KeyStore store = KeyStore.getInstance(file.toFile(), (char[]) null);
        TrustManagerFactory factory = TrustManagerFactory.getInstance(TrustManagerFactory.getDefaultAlgorithm());
        factory.init(store);
        X509TrustManager trust = (X509TrustManager) factory.getTrustManagers()[0];
        Set<X509Certificate> trusted = new HashSet<>(List.of(trust.getAcceptedIssuers()));
        Set<X509Certificate> expected = new HashSet<>();
        CertificateFactory.getInstance("X.509").generateCertificates(new ByteArrayInputStream(pem))
                .forEach(certificate -> expected.add((X509Certificate) certificate));
        assertTrue(expected.size() > 50, "only " + expected.size() + " certificates");
        assertEquals(expected, trusted);
        assertEquals(expected.size(), Collections.list(store.aliases()).size());
    }

    @Test
    void theSameCertificatesGiveTheSameBytesAndTheCacheIsUsed() throws Exception {
        byte[] pem = pem();
        byte[] first = JavaTrustStore.fromPem(pem);
        assertArrayEquals(first, JavaTrustStore.fromPem(pem));
        assertArrayEquals(first, JavaTrustStore.fromPem(pem, directory));
        try (var cached = Files.list(directory)) {
            Files.write(cached.filter(p -> p.toString().endsWith(".p12")).findFirst().orElseThrow(), new byte[] {7});
        }
        assertArrayEquals(new byte[] {7}, JavaTrustStore.fromPem(pem, directory));
    }

    @Test
    void theDefaultEntrypointPassesTheStoreAndTheLayerHoldsIt() throws Exception {
        byte[] pem = pem();
        ImageSpec spec = ImageSpec.builder(directory.resolve("service"), AMD64, ImageReference.parse("service:1"))
                .certificates(pem).javaTrustStore(JavaTrustStore.fromPem(pem)).build();

        assertEquals(List.of("/app/service", "-Djavax.net.ssl.trustStore=/etc/ssl/certs/java/cacerts",
                "-Djavax.net.ssl.trustStoreType=PKCS12"), spec.entrypoint());
        LayerContents certificates = ImageAssembler.layerContents(spec).get(1);
        assertTrue(certificates.files().stream().anyMatch(file -> file.path().equals(JavaTrustStore.PATH)),
                certificates.description());
    }

    @Test
    void theUsersEntrypointIsLeftAsItIs() throws Exception {
        byte[] pem = pem();
        ImageSpec spec = ImageSpec.builder(directory.resolve("service"), AMD64, ImageReference.parse("service:1"))
                .certificates(pem).javaTrustStore(JavaTrustStore.fromPem(pem)).entrypoint(List.of("/app/service", "--serve"))
                .build();
        assertEquals(List.of("/app/service", "--serve"), spec.entrypoint());
    }
}
