package io.github.scratchpack.image;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.KeyStore;
import java.security.cert.Certificate;
import java.security.cert.X509Certificate;
import java.util.ArrayList;
import java.util.Base64;
import java.util.Collection;
import java.util.Enumeration;
import java.util.List;
import java.util.TreeMap;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** The PEM bundle written to {@code /etc/ssl/certs/ca-certificates.crt}. */
public final class CaCertificates {
    /** Where the bundle goes in the image; {@code SSL_CERT_FILE} points here. */
    public static final String PATH = "/etc/ssl/certs/ca-certificates.crt";
    static final Pattern PEM_BLOCK =
            Pattern.compile("-----BEGIN CERTIFICATE-----(.*?)-----END CERTIFICATE-----", Pattern.DOTALL);

    private CaCertificates() {
    }

    /**
     * The trusted certificates of a Java runtime's {@code lib/security/cacerts}, as PEM, ordered by SHA-256
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
            List<byte[]> certificates = new ArrayList<>();
            for (Enumeration<String> aliases = store.aliases(); aliases.hasMoreElements(); ) {
                Certificate certificate = store.getCertificate(aliases.nextElement());
                if (certificate instanceof X509Certificate x509) {
                    certificates.add(x509.getEncoded());
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
        return CachedBytes.get(cacheDirectory.resolve(Sha256.hex(Sha256.of(Files.readAllBytes(cacerts))) + ".pem"),
                () -> fromJavaRuntime(javaHome));
    }

    /**
     * Reads a PEM bundle that the user gives, checking that each block is a DER certificate, and writes it back in
     * the same canonical form as a runtime's trust store. The blocks are checked for their DER structure rather
     * than parsed as X.509, which keeps a cold build from spending a fifth of a second on certificate parsing.
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
        String text = Files.readString(pemFile, StandardCharsets.ISO_8859_1);
        List<byte[]> certificates = new ArrayList<>();
        Matcher block = PEM_BLOCK.matcher(text);
        while (block.find()) {
            byte[] der;
            try {
                der = Base64.getMimeDecoder().decode(block.group(1));
            } catch (IllegalArgumentException e) {
                throw invalidPem(pemFile, certificates.size() + 1, "its base64 does not decode");
            }
            if (!isDerSequence(der)) {
                throw invalidPem(pemFile, certificates.size() + 1, "it is not a DER-encoded certificate");
            }
            certificates.add(der);
        }
        if (certificates.isEmpty()) {
            throw new IllegalArgumentException("The certificates file " + pemFile + " holds no PEM certificate"
                    + " (no -----BEGIN CERTIFICATE----- block). Give a PEM bundle, such as /etc/ssl/certs/ca-certificates.crt.");
        }
        return toPem(certificates);
    }

    private static IllegalArgumentException invalidPem(Path pemFile, int number, String reason) {
        return new IllegalArgumentException("The certificates file " + pemFile + " is not a valid PEM certificate"
                + " bundle: certificate " + number + " is broken (" + reason + "). Replace it with a valid PEM bundle.");
    }

    /** Whether the bytes are exactly one DER SEQUENCE holding a SEQUENCE first, as every X.509 certificate is. */
    private static boolean isDerSequence(byte[] der) {
        long outer = derLength(der, 0);
        return outer >= 0 && outer == der.length && der.length > 4 && der[headerLength(der, 0)] == 0x30
                && derLength(der, headerLength(der, 0)) > 0;
    }

    /** The total length (header and content) of the DER SEQUENCE at an offset, or -1 when there is none. */
    private static long derLength(byte[] der, int at) {
        if (der.length < at + 2 || der[at] != 0x30) {
            return -1;
        }
        int first = der[at + 1] & 0xff;
        if (first < 0x80) {
            return 2 + first;
        }
        int octets = first & 0x7f;
        if (octets == 0 || octets > 4 || der.length < at + 2 + octets) {
            return -1;
        }
        long length = 0;
        for (int i = 0; i < octets; i++) {
            length = (length << 8) | (der[at + 2 + i] & 0xff);
        }
        return 2 + octets + length;
    }

    private static int headerLength(byte[] der, int at) {
        int first = der[at + 1] & 0xff;
        return at + 2 + (first < 0x80 ? 0 : first & 0x7f);
    }

    /** The bundle in canonical form: each distinct certificate once, ordered by its SHA-256 fingerprint. */
    private static byte[] toPem(Collection<byte[]> certificates) {
        TreeMap<String, byte[]> ordered = new TreeMap<>();
        for (byte[] der : certificates) {
            ordered.put(Sha256.hex(Sha256.of(der)), der);
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
