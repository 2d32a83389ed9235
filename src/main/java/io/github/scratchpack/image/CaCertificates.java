package io.github.scratchpack.image;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.security.GeneralSecurityException;
import java.security.KeyStore;
import java.security.cert.Certificate;
import java.security.cert.CertificateException;
import java.security.cert.CertificateFactory;
import java.security.cert.X509Certificate;
import java.util.ArrayList;
import java.util.Base64;
import java.util.Collection;
import java.util.Comparator;
import java.util.Enumeration;
import java.util.HexFormat;
import java.util.List;
import java.util.TreeMap;

/** The PEM bundle written to {@code /etc/ssl/certs/ca-certificates.crt}. */
public final class CaCertificates {
    /** Where the bundle goes in the image; {@code SSL_CERT_FILE} points here. */
    public static final String PATH = "/etc/ssl/certs/ca-certificates.crt";

    private CaCertificates() {
    }

    /**
     * The trusted certificates of a Java runtime's {@code lib/security/cacerts}, as PEM, ordered by subject and then
     * fingerprint so that the same trust store always gives the same bytes.
     *
     * @param javaHome the runtime whose trust store to read, normally the one running the build
     * @return the PEM bundle
     * @throws IOException when the trust store cannot be read
     */
    public static byte[] fromJavaRuntime(Path javaHome) throws IOException {
        Path cacerts = javaHome.resolve("lib/security/cacerts");
        if (!Files.isRegularFile(cacerts)) {
            throw new IOException("The Java runtime at " + javaHome + " has no trust store at " + cacerts
                    + ". Give a PEM bundle with the certificates parameter, or set it to false.");
        }
        try {
            KeyStore store = KeyStore.getInstance(cacerts.toFile(), (char[]) null);
            List<X509Certificate> certificates = new ArrayList<>();
            for (Enumeration<String> aliases = store.aliases(); aliases.hasMoreElements(); ) {
                Certificate certificate = store.getCertificate(aliases.nextElement());
                if (certificate instanceof X509Certificate x509) {
                    certificates.add(x509);
                }
            }
            return toPem(certificates);
        } catch (GeneralSecurityException e) {
            throw new IOException("Cannot read the trust store " + cacerts + ": " + e.getMessage(), e);
        }
    }

    /**
     * Like {@link #fromJavaRuntime(Path)}, but keeps the bundle in a cache directory under the SHA-256 of the trust
     * store's bytes, so that a rebuild does not parse a hundred certificates again.
     *
     * @param javaHome the runtime whose trust store to read
     * @param cacheDirectory where bundles are kept between builds
     * @return the PEM bundle
     * @throws IOException when the trust store cannot be read or the cache cannot be written
     */
    public static byte[] fromJavaRuntime(Path javaHome, Path cacheDirectory) throws IOException {
        Path cacerts = javaHome.resolve("lib/security/cacerts");
        if (!Files.isRegularFile(cacerts)) {
            return fromJavaRuntime(javaHome);
        }
        Path cached = cacheDirectory.resolve(Sha256.hex(Sha256.of(Files.readAllBytes(cacerts))) + ".pem");
        if (Files.isRegularFile(cached)) {
            return Files.readAllBytes(cached);
        }
        byte[] pem = fromJavaRuntime(javaHome);
        Files.createDirectories(cacheDirectory);
        Path temporary = Files.createTempFile(cacheDirectory, ".pem-", ".tmp");
        Files.write(temporary, pem);
        Files.move(temporary, cached, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
        return pem;
    }

    /**
     * Reads a PEM bundle that the user gives, checking that it holds at least one certificate, and writes it
     * back in the same canonical form as a runtime's trust store.
     *
     * @param pemFile the bundle
     * @return the PEM bundle
     * @throws IOException when the file cannot be read
     * @throws IllegalArgumentException with a message for the user when the file holds no valid certificate
     */
    public static byte[] fromPemFile(Path pemFile) throws IOException {
        if (!Files.isRegularFile(pemFile)) {
            throw new IllegalArgumentException("The certificates file " + pemFile + " does not exist. Set certificates"
                    + " to true (the build JDK's trust store), false (none), or the path of a PEM bundle.");
        }
        byte[] content = Files.readAllBytes(pemFile);
        try (InputStream in = new ByteArrayInputStream(content)) {
            Collection<? extends Certificate> parsed = CertificateFactory.getInstance("X.509").generateCertificates(in);
            List<X509Certificate> certificates = new ArrayList<>();
            for (Certificate certificate : parsed) {
                certificates.add((X509Certificate) certificate);
            }
            if (certificates.isEmpty()) {
                throw new IllegalArgumentException("The certificates file " + pemFile + " holds no PEM certificate.");
            }
            return toPem(certificates);
        } catch (CertificateException e) {
            throw new IllegalArgumentException("The certificates file " + pemFile + " is not a valid PEM certificate"
                    + " bundle: " + e.getMessage(), e);
        }
    }

    private static byte[] toPem(List<X509Certificate> certificates) throws IOException {
        TreeMap<String, byte[]> ordered = new TreeMap<>(Comparator.naturalOrder());
        try {
            for (X509Certificate certificate : certificates) {
                byte[] der = certificate.getEncoded();
                String fingerprint = HexFormat.of().formatHex(Sha256.newDigest().digest(der));
                ordered.put(certificate.getSubjectX500Principal().getName() + "\u0000" + fingerprint, der);
            }
        } catch (CertificateException e) {
            throw new IOException("Cannot encode a trusted certificate: " + e.getMessage(), e);
        }
        Base64.Encoder encoder = Base64.getMimeEncoder(64, "\n".getBytes(StandardCharsets.US_ASCII));
        StringBuilder pem = new StringBuilder();
        for (byte[] der : ordered.values()) {
            pem.append("-----BEGIN CERTIFICATE-----\n").append(encoder.encodeToString(der))
                    .append("\n-----END CERTIFICATE-----\n");
        }
        return pem.toString().getBytes(StandardCharsets.US_ASCII);
    }
}
