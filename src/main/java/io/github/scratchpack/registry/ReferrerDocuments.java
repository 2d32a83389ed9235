package io.github.scratchpack.registry;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.github.scratchpack.image.Json;
import io.github.scratchpack.image.Sha256;
import io.github.scratchpack.signing.ImageSignature;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The JSON documents that attach things to an image in a registry: an OCI 1.1 referrer manifest (an artifact whose
 * {@code subject} is the image), the referrers index that the tag schema keeps at {@code sha256-<hex>}, and the
 * manifest and config of a cosign signature at {@code sha256-<hex>.sig}.
 */
final class ReferrerDocuments {
    static final String MANIFEST_MEDIA_TYPE = "application/vnd.oci.image.manifest.v1+json";
    static final String INDEX_MEDIA_TYPE = "application/vnd.oci.image.index.v1+json";
    static final String EMPTY_MEDIA_TYPE = "application/vnd.oci.empty.v1+json";
    static final byte[] EMPTY_CONFIG = "{}".getBytes(StandardCharsets.UTF_8);
    static final String CONFIG_MEDIA_TYPE = "application/vnd.oci.image.config.v1+json";
    private static final String ZERO_TIME = "0001-01-01T00:00:00Z";

    private ReferrerDocuments() {
    }

    /**
     * A content descriptor.
     *
     * @param mediaType the content's media type
     * @param digest its {@code sha256:<hex>} digest
     * @param size its size in bytes
     */
    record Descriptor(String mediaType, String digest, long size) {
        static Descriptor of(String mediaType, byte[] content) {
            return new Descriptor(mediaType, Sha256.of(content), content.length);
        }

        Map<String, Object> json() {
            Map<String, Object> json = new LinkedHashMap<>();
            json.put("mediaType", mediaType);
            json.put("digest", digest);
            json.put("size", size);
            return json;
        }
    }

    /**
     * A referrer manifest: an artifact with one file, the empty config, and the image as its subject.
     *
     * @param artifactType the artifact's type, such as {@code application/vnd.cyclonedx+json}
     * @param file the file's descriptor
     * @param fileName the file's name, for the {@code org.opencontainers.image.title} annotation
     * @param subject the image manifest's descriptor
     * @return the manifest bytes
     */
    static byte[] referrer(String artifactType, Descriptor file, String fileName, Descriptor subject) {
        Map<String, Object> layer = file.json();
        layer.put("annotations", Map.of("org.opencontainers.image.title", fileName));
        Map<String, Object> manifest = new LinkedHashMap<>();
        manifest.put("schemaVersion", 2);
        manifest.put("mediaType", MANIFEST_MEDIA_TYPE);
        manifest.put("artifactType", artifactType);
        manifest.put("config", Descriptor.of(EMPTY_MEDIA_TYPE, EMPTY_CONFIG).json());
        manifest.put("layers", List.of(layer));
        manifest.put("subject", subject.json());
        return Json.bytes(manifest);
    }

    /**
     * The referrers index after adding one referrer, keeping every other referrer and field the index had; a referrer
     * already listed with the same digest is listed once.
     *
     * @param existing the index at the {@code sha256-<hex>} tag, or {@code null} when there is none
     * @param referrer the referrer manifest's descriptor
     * @param artifactType the referrer's artifact type
     * @return the index bytes
     * @throws IOException when the existing index is not JSON
     */
    static byte[] referrersIndex(byte[] existing, Descriptor referrer, String artifactType) throws IOException {
        ObjectMapper mapper = new ObjectMapper();
        ObjectNode index;
        if (existing == null) {
            index = mapper.createObjectNode();
            index.put("schemaVersion", 2);
            index.put("mediaType", INDEX_MEDIA_TYPE);
        } else {
            JsonNode parsed = mapper.readTree(existing);
            if (!parsed.isObject()) {
                throw new IOException("the referrers index is not a JSON object");
            }
            index = (ObjectNode) parsed;
        }
        ArrayNode manifests = mapper.createArrayNode();
        for (JsonNode entry : index.path("manifests")) {
            if (!referrer.digest().equals(entry.path("digest").asText())) {
                manifests.add(entry);
            }
        }
        ObjectNode added = manifests.addObject();
        added.put("mediaType", referrer.mediaType());
        added.put("digest", referrer.digest());
        added.put("size", referrer.size());
        added.put("artifactType", artifactType);
        index.set("manifests", manifests);
        return mapper.writeValueAsBytes(index);
    }

    /** The config of a cosign signature manifest: an image config whose one layer is the payload. */
    static byte[] signatureConfig(Descriptor payload) {
        Map<String, Object> rootfs = new LinkedHashMap<>();
        rootfs.put("type", "layers");
        rootfs.put("diff_ids", List.of(payload.digest()));
        Map<String, Object> config = new LinkedHashMap<>();
        config.put("architecture", "");
        config.put("created", ZERO_TIME);
        config.put("history", List.of(Map.of("created", ZERO_TIME)));
        config.put("os", "");
        config.put("rootfs", rootfs);
        config.put("config", Map.of());
        return Json.bytes(config);
    }

    /**
     * The manifest at {@code sha256-<hex>.sig}: one layer, the payload, with the signature as its annotation.
     *
     * @param config the signature config's descriptor
     * @param signature the signature
     * @return the manifest bytes
     */
    static byte[] signatureManifest(Descriptor config, ImageSignature signature) {
        Map<String, Object> layer = Descriptor.of(ImageSignature.PAYLOAD_MEDIA_TYPE, signature.payload()).json();
        layer.put("annotations", Map.of(ImageSignature.SIGNATURE_ANNOTATION, signature.signatureBase64()));
        Map<String, Object> manifest = new LinkedHashMap<>();
        manifest.put("schemaVersion", 2);
        manifest.put("mediaType", MANIFEST_MEDIA_TYPE);
        manifest.put("config", config.json());
        manifest.put("layers", List.of(layer));
        return Json.bytes(manifest);
    }

    /** The tag that stands for a digest in the referrers tag schema and in cosign's tags: {@code sha256-<hex>}. */
    static String digestTag(String digest) {
        return "sha256-" + Sha256.hex(digest);
    }
}
