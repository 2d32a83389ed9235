package io.github.scratchpack.image;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.KeyStore;
import java.security.cert.Certificate;
import java.security.cert.CertificateFactory;
import java.util.Base64;
import java.util.List;
import java.util.regex.Matcher;

/**
 * The image's CA certificates as a Java trust store, for a GraalVM native executable. Such an executable trusts the
 * CA set its builder JDK had, embedded at build time, and ignores PEM bundles and {@code SSL_CERT_FILE}; only the
 * {@code javax.net.ssl.trustStore} system property replaces that set at run time, and a native executable reads
 * {@code -D} options from its command line. So the image carries this store, and its entrypoint passes
 * {@link #RUNTIME_OPTIONS}.
 *
 * <p>The store is PKCS#12 without a password, neither encrypted nor MAC-protected: nothing in it is secret, a JDK
 * loads it without {@code javax.net.ssl.trustStorePassword}, and without a password there is no random salt, so the
 * same certificates always give the same bytes. Entries are named by each certificate's SHA-256 fingerprint.
 */
public final class JavaTrustStore {
    /** Where the store goes in the image, where Debian's and Fedora's Java packages keep theirs. */
    public static final String PATH = "/etc/ssl/certs/java/cacerts";
    /** The options that make a Java native executable trust the store instead of its build-time set. */
    public static final List<String> RUNTIME_OPTIONS = List.of("-Djavax.net.ssl.trustStore=" + PATH,
            "-Djavax.net.ssl.trustStoreType=PKCS12");

    private JavaTrustStore() {
    }

    /**
     * The trust store holding each certificate of a PEM bundle.
     *
     * @param pem a bundle as {@link CaCertificates} writes it
     */
    public static byte[] fromPem(byte[] pem) throws IOException {
        try {
            CertificateFactory factory = CertificateFactory.getInstance("X.509");
            KeyStore store = KeyStore.getInstance("PKCS12");
            store.load(null, null);
            Matcher block = CaCertificates.PEM_BLOCK.matcher(new String(pem, StandardCharsets.ISO_8859_1));
            while (block.find()) {
                byte[] der = Base64.getMimeDecoder().decode(block.group(1));
                Certificate certificate = factory.generateCertificate(new ByteArrayInputStream(der));
                store.setCertificateEntry(Sha256.hex(Sha256.of(der)), certificate);
            }
            return withoutProtection(store);
        } catch (GeneralSecurityException e) {
            throw new IOException("Cannot make a Java trust store of the CA certificates: " + e.getMessage(), e);
        }
    }

    /**
     * Stores without encryption or MAC. The JDK does that only when the two {@code keystore.pkcs12.*} properties
     * say {@code NONE} (with a null password alone it still encrypts, with an empty password and a random salt,
     * and then cannot read the certificates back without a password). They are system properties that the JDK reads
     * at the moment of storing, so they are set just for that and restored, under a lock.
     */
    private static synchronized byte[] withoutProtection(KeyStore store) throws GeneralSecurityException, IOException {
        List<String> names = List.of("keystore.pkcs12.certProtectionAlgorithm", "keystore.pkcs12.macAlgorithm");
        List<String> previous = names.stream().map(System::getProperty).toList();
        try {
            names.forEach(name -> System.setProperty(name, "NONE"));
            ByteArrayOutputStream out = new ByteArrayOutputStream();
            store.store(out, null);
            return out.toByteArray();
        } finally {
            for (int i = 0; i < names.size(); i++) {
                if (previous.get(i) == null) {
                    System.clearProperty(names.get(i));
                } else {
                    System.setProperty(names.get(i), previous.get(i));
                }
            }
        }
    }

    /**
     * Like {@link #fromPem(byte[])}, but kept in a cache directory under the bundle's SHA-256, so that a rebuild does
     * not parse every certificate again.
     */
    public static byte[] fromPem(byte[] pem, Path cacheDirectory) throws IOException {
        return CachedBytes.get(cacheDirectory.resolve(Sha256.hex(Sha256.of(pem)) + ".p12"), () -> fromPem(pem));
    }
}
