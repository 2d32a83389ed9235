package io.github.scratchpack.image;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.cert.CertificateFactory;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class CaCertificatesTest {
    private static final Path JAVA_HOME = Path.of(System.getProperty("java.home"));

    @Test
    void buildJdkTrustStoreGivesManyParsablePemCertificates() throws Exception {
        byte[] pem = CaCertificates.fromJavaRuntime(JAVA_HOME);
        int count = CertificateFactory.getInstance("X.509").generateCertificates(new ByteArrayInputStream(pem)).size();
        assertTrue(count > 50, "only " + count + " certificates");
        assertArrayEquals(pem, CaCertificates.fromJavaRuntime(JAVA_HOME));
    }

    @Test
    void cachedBundleEqualsAFreshOneAndIsReused(@TempDir Path dir) throws Exception {
        byte[] fresh = CaCertificates.fromJavaRuntime(JAVA_HOME);
        assertArrayEquals(fresh, CaCertificates.fromJavaRuntime(JAVA_HOME, dir));
        try (var cached = Files.list(dir)) {
            Path file = cached.filter(p -> p.toString().endsWith(".pem")).findFirst().orElseThrow();
            Files.write(file, "marker".getBytes(StandardCharsets.US_ASCII));
        }
        assertArrayEquals("marker".getBytes(StandardCharsets.US_ASCII), CaCertificates.fromJavaRuntime(JAVA_HOME, dir));
    }

    @Test
    void pemFileIsCanonicalizedWhateverItsOrder(@TempDir Path dir) throws Exception {
        String[] blocks = new String(CaCertificates.fromJavaRuntime(JAVA_HOME), StandardCharsets.US_ASCII)
                .split("(?<=-----END CERTIFICATE-----\n)");
        List<String> some = new ArrayList<>(List.of(blocks).subList(0, 5));
        Path forward = Files.writeString(dir.resolve("a.pem"), String.join("", some));
        Collections.reverse(some);
        Path backward = Files.writeString(dir.resolve("b.pem"), "# a comment\n" + String.join("", some));
        assertArrayEquals(CaCertificates.fromPemFile(forward), CaCertificates.fromPemFile(backward));
    }

    @Test
    void refusesMissingOrInvalidPem(@TempDir Path dir) throws Exception {
        assertThrows(IllegalArgumentException.class, () -> CaCertificates.fromPemFile(dir.resolve("none.pem")));
        Path bad = Files.writeString(dir.resolve("bad.pem"), "-----BEGIN CERTIFICATE-----\nAAAA\n-----END CERTIFICATE-----\n");
        assertThrows(IllegalArgumentException.class, () -> CaCertificates.fromPemFile(bad));
        Path empty = Files.writeString(dir.resolve("empty.pem"), "");
        assertThrows(IllegalArgumentException.class, () -> CaCertificates.fromPemFile(empty));
    }
}
