package io.github.scratchpack.signing;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.AlgorithmParameters;
import java.security.GeneralSecurityException;
import java.security.KeyFactory;
import java.security.PrivateKey;
import java.security.Signature;
import java.security.interfaces.ECPrivateKey;
import java.security.spec.ECGenParameterSpec;
import java.security.spec.ECParameterSpec;
import java.security.spec.PKCS8EncodedKeySpec;
import java.util.Arrays;
import java.util.List;
import javax.crypto.Cipher;
import javax.crypto.EncryptedPrivateKeyInfo;
import javax.crypto.SecretKey;
import javax.crypto.SecretKeyFactory;
import javax.crypto.spec.PBEKeySpec;

/**
 * An ECDSA P-256 private key read from a PKCS#8 PEM file, plain ({@code PRIVATE KEY}) or encrypted with a password
 * ({@code ENCRYPTED PRIVATE KEY}, PBES2 as {@code openssl pkcs8 -topk8 -v2 aes-256-cbc} writes it), which signs
 * payloads as cosign does: SHA-256 and an ASN.1 DER signature.
 */
public final class SigningKey {
    private static final String CONVERT = "openssl pkcs8 -topk8 -v2 aes-256-cbc -in <key> -out <key.p8.pem>";
    private static final List<String> OTHER_ALGORITHMS = List.of("RSA", "Ed25519", "Ed448", "DSA", "X25519", "X448");

    private final PrivateKey key;

    private SigningKey(PrivateKey key) {
        this.key = key;
    }

    /**
     * Reads and, when it is encrypted, decrypts a key.
     *
     * @param file the PEM file
     * @param password the password of an encrypted key, or {@code null}; it is not kept
     * @return the key
     * @throws SigningKeyException when the file cannot be read, is not an EC P-256 PKCS#8 key, or the password is
     *     missing or wrong
     */
    public static SigningKey read(Path file, char[] password) throws SigningKeyException {
        String text;
        try {
            text = new String(Files.readAllBytes(file), StandardCharsets.US_ASCII);
        } catch (IOException e) {
            throw new SigningKeyException("The signing key " + file + " cannot be read (" + e.getClass().getSimpleName()
                    + ": " + e.getMessage() + ")", e);
        }
        PemBlock pem = PemBlock.first(text, file.toString());
        byte[] pkcs8 = switch (pem.label()) {
            case "PRIVATE KEY" -> pem.der();
            case "ENCRYPTED PRIVATE KEY" -> decrypt(pem.der(), password, file);
            case "EC PRIVATE KEY" -> throw new SigningKeyException("The signing key " + file + " is a SEC1 EC key"
                    + " (BEGIN EC PRIVATE KEY); scratchpack reads PKCS#8. Convert it with " + CONVERT);
            case "ENCRYPTED COSIGN PRIVATE KEY", "ENCRYPTED SIGSTORE PRIVATE KEY" -> throw new SigningKeyException(
                    "The signing key " + file + " is in cosign's own encrypted format, which scratchpack does not read."
                    + " Use a PKCS#8 key: create one with openssl genpkey -algorithm EC -pkeyopt ec_paramgen_curve:P-256,"
                    + " encrypt it with " + CONVERT + ", and give it to cosign too with cosign import-key-pair");
            default -> throw new SigningKeyException("The signing key " + file + " holds a " + pem.label()
                    + " PEM block, not a PKCS#8 private key (BEGIN PRIVATE KEY or BEGIN ENCRYPTED PRIVATE KEY)");
        };
        try {
            return new SigningKey(p256(pkcs8, file));
        } finally {
            Arrays.fill(pkcs8, (byte) 0);
        }
    }

    /**
     * Signs a payload with ECDSA over its SHA-256 digest.
     *
     * @param payload the bytes to sign
     * @return the ASN.1 DER signature, as {@code openssl dgst -sha256 -verify} reads it
     */
    public byte[] sign(byte[] payload) {
        try {
            Signature signature = Signature.getInstance("SHA256withECDSA");
            signature.initSign(key);
            signature.update(payload);
            return signature.sign();
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("The Java runtime cannot sign with ECDSA P-256", e);
        }
    }

    private static byte[] decrypt(byte[] der, char[] password, Path file) throws SigningKeyException {
        if (password == null) {
            throw new SigningKeyException("The signing key " + file + " is encrypted, and no password was given");
        }
        EncryptedPrivateKeyInfo info;
        try {
            info = new EncryptedPrivateKeyInfo(der);
        } catch (IOException e) {
            throw new SigningKeyException("The signing key " + file + " is not a well-formed encrypted PKCS#8 key", e);
        }
        String algorithm = info.getAlgParameters() == null ? info.getAlgName() : info.getAlgParameters().toString();
        Cipher cipher;
        SecretKey secret;
        PBEKeySpec spec = new PBEKeySpec(password);
        try {
            secret = SecretKeyFactory.getInstance(algorithm).generateSecret(spec);
            cipher = Cipher.getInstance(algorithm);
        } catch (GeneralSecurityException e) {
            throw new SigningKeyException("The signing key " + file + " is encrypted with " + algorithm
                    + ", which this Java runtime cannot decrypt. Encrypt it again with " + CONVERT, e);
        } finally {
            spec.clearPassword();
        }
        try {
            cipher.init(Cipher.DECRYPT_MODE, secret, info.getAlgParameters());
            return info.getKeySpec(cipher).getEncoded();
        } catch (GeneralSecurityException e) {
            // A wrong password gives a padding error, or, rarely, garbage that is no PKCS#8 structure.
            throw new SigningKeyException("The password does not decrypt the signing key " + file
                    + ": it is the wrong password for this key", e);
        }
    }

    private static PrivateKey p256(byte[] pkcs8, Path file) throws SigningKeyException {
        PKCS8EncodedKeySpec spec = new PKCS8EncodedKeySpec(pkcs8);
        PrivateKey key;
        try {
            key = KeyFactory.getInstance("EC").generatePrivate(spec);
        } catch (GeneralSecurityException e) {
            throw new SigningKeyException("The signing key " + file + " is " + otherAlgorithm(spec)
                    + ", not an EC P-256 key; cosign signatures need ECDSA P-256", e);
        }
        ECParameterSpec params = ((ECPrivateKey) key).getParams();
        if (!sameCurve(params, p256Parameters())) {
            throw new SigningKeyException("The signing key " + file + " is an EC key on the curve " + params
                    + ", not P-256 (secp256r1, prime256v1); cosign signatures need ECDSA P-256");
        }
        return key;
    }

    private static String otherAlgorithm(PKCS8EncodedKeySpec spec) {
        for (String algorithm : OTHER_ALGORITHMS) {
            try {
                KeyFactory.getInstance(algorithm).generatePrivate(spec);
                return "an " + algorithm + " key";
            } catch (GeneralSecurityException e) {
                // not this algorithm either
            }
        }
        return "not a private key this Java runtime knows";
    }

    private static ECParameterSpec p256Parameters() {
        try {
            AlgorithmParameters parameters = AlgorithmParameters.getInstance("EC");
            parameters.init(new ECGenParameterSpec("secp256r1"));
            return parameters.getParameterSpec(ECParameterSpec.class);
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("The Java runtime does not know the curve P-256", e);
        }
    }

    private static boolean sameCurve(ECParameterSpec a, ECParameterSpec b) {
        return a.getCurve().equals(b.getCurve()) && a.getGenerator().equals(b.getGenerator())
                && a.getOrder().equals(b.getOrder()) && a.getCofactor() == b.getCofactor();
    }
}
