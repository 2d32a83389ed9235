package io.github.scratchpack.signing;

import io.github.scratchpack.image.Json;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * A cosign signature of one image manifest: the simple-signing payload that names the manifest digest and the
 * repository, and its ECDSA signature.
 *
 * @param payload the payload bytes that were signed, as stored in the registry
 * @param signature the ASN.1 DER ECDSA signature of the payload
 */
public record ImageSignature(byte[] payload, byte[] signature) {
    /** The media type of a cosign simple-signing payload. */
    public static final String PAYLOAD_MEDIA_TYPE = "application/vnd.dev.cosign.simplesigning.v1+json";
    /** The layer annotation that holds the base64 signature. */
    public static final String SIGNATURE_ANNOTATION = "dev.cosignproject.cosign/signature";

    /**
     * Signs a manifest digest for a repository.
     *
     * @param key the signing key
     * @param repository the repository as pushed, with its registry, such as {@code ghcr.io/acme/app}
     * @param manifestDigest the {@code sha256:<hex>} digest of the image manifest
     * @return the signature
     */
    public static ImageSignature sign(SigningKey key, String repository, String manifestDigest) {
        byte[] payload = payload(repository, manifestDigest);
        return new ImageSignature(payload, key.sign(payload));
    }

    /** The simple-signing payload in the form cosign writes, without optional claims. */
    static byte[] payload(String repository, String manifestDigest) {
        Map<String, Object> identity = new LinkedHashMap<>();
        identity.put("docker-reference", repository);
        Map<String, Object> image = new LinkedHashMap<>();
        image.put("docker-manifest-digest", manifestDigest);
        Map<String, Object> critical = new LinkedHashMap<>();
        critical.put("identity", identity);
        critical.put("image", image);
        critical.put("type", "cosign container image signature");
        Map<String, Object> payload = new LinkedHashMap<>();
        payload.put("critical", critical);
        payload.put("optional", null);
        return Json.bytes(payload);
    }

    /** The signature in base64, as the layer annotation holds it. */
    public String signatureBase64() {
        return Base64.getEncoder().encodeToString(signature);
    }
}
