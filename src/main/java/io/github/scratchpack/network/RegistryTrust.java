package io.github.scratchpack.network;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.KeyStore;
import java.security.cert.Certificate;
import java.security.cert.CertificateException;
import java.security.cert.CertificateFactory;
import java.security.cert.X509Certificate;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collection;
import java.util.List;
import java.util.function.Supplier;
import javax.net.ssl.SSLContext;
import javax.net.ssl.TrustManager;
import javax.net.ssl.TrustManagerFactory;
import javax.net.ssl.X509TrustManager;

/**
 * The certificates that HTTPS connections to a registry trust: the Java runtime's (which honours
 * {@code javax.net.ssl.trustStore}), plus the CA certificates of an optional PEM file.
 */
public final class RegistryTrust {
    private RegistryTrust() {
    }

    /**
     * The trust of {@link #sslContext(Path)}, made when it is first used: the runtime's CAs are loaded only by a push
     * that speaks TLS. A file of extra certificates is read at once, so that a broken one fails the push before it
     * starts, whatever the registry speaks.
     *
     * @param extraCertificates a PEM file of CA certificates, or {@code null} for the runtime's alone
     * @return makes the context, the same one on every call
     * @throws PushException when the file cannot be read or holds no certificate
     */
    public static Supplier<SSLContext> whenUsed(Path extraCertificates) throws PushException {
        if (extraCertificates != null) {
            SSLContext context = sslContext(extraCertificates);
            return () -> context;
        }
        return () -> {
            try {
                return SSLContext.getDefault();
            } catch (GeneralSecurityException e) {
                throw new IllegalStateException("The Java runtime has no default TLS context", e);
            }
        };
    }

    /**
     * An SSL context that trusts the runtime's CAs and the given ones.
     *
     * @param extraCertificates a PEM file of CA certificates, or {@code null} for the runtime's alone
     * @return the context
     * @throws PushException when the file cannot be read or holds no certificate
     */
    public static SSLContext sslContext(Path extraCertificates) throws PushException {
        try {
            if (extraCertificates == null) {
                return SSLContext.getDefault();
            }
            List<X509TrustManager> managers = new ArrayList<>();
            managers.add(trustManager(null));
            managers.add(trustManager(keyStore(extraCertificates)));
            SSLContext context = SSLContext.getInstance("TLS");
            context.init(null, new TrustManager[] {new AnyOfTrustManagers(managers)}, null);
            return context;
        } catch (IOException e) {
            throw new PushException("Cannot read the registry certificates " + extraCertificates + ": " + e.getMessage()
                    + ". Give a readable PEM file in scratchpack.registryCertificates.", e);
        } catch (GeneralSecurityException e) {
            throw new PushException("The registry certificates in " + extraCertificates + " are not usable: "
                    + e.getMessage() + ". Give PEM CA certificates in scratchpack.registryCertificates.", e);
        }
    }

    private static KeyStore keyStore(Path pem) throws IOException, GeneralSecurityException {
        Collection<? extends Certificate> certificates;
        try (InputStream in = Files.newInputStream(pem)) {
            certificates = CertificateFactory.getInstance("X.509").generateCertificates(in);
        }
        if (certificates.isEmpty()) {
            throw new GeneralSecurityException("the file holds no certificate");
        }
        KeyStore store = KeyStore.getInstance(KeyStore.getDefaultType());
        store.load(null, null);
        int index = 0;
        for (Certificate certificate : certificates) {
            store.setCertificateEntry("registry-ca-" + index++, certificate);
        }
        return store;
    }

    private static X509TrustManager trustManager(KeyStore store) throws GeneralSecurityException {
        TrustManagerFactory factory = TrustManagerFactory.getInstance(TrustManagerFactory.getDefaultAlgorithm());
        factory.init(store);
        for (TrustManager manager : factory.getTrustManagers()) {
            if (manager instanceof X509TrustManager x509) {
                return x509;
            }
        }
        throw new GeneralSecurityException("the Java runtime offers no X.509 trust manager");
    }

    /** Trusts a server when any one of several trust managers does. */
    private record AnyOfTrustManagers(List<X509TrustManager> managers) implements X509TrustManager {
        @Override
        public void checkClientTrusted(X509Certificate[] chain, String authType) throws CertificateException {
            managers.get(0).checkClientTrusted(chain, authType);
        }

        @Override
        public void checkServerTrusted(X509Certificate[] chain, String authType) throws CertificateException {
            CertificateException first = null;
            for (X509TrustManager manager : managers) {
                try {
                    manager.checkServerTrusted(chain, authType);
                    return;
                } catch (CertificateException e) {
                    first = first == null ? e : first;
                }
            }
            throw first;
        }

        @Override
        public X509Certificate[] getAcceptedIssuers() {
            return managers.stream().flatMap(manager -> Arrays.stream(manager.getAcceptedIssuers()))
                    .toArray(X509Certificate[]::new);
        }
    }
}
