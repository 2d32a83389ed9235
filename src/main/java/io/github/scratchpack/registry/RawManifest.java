package io.github.scratchpack.registry;

import com.fasterxml.jackson.annotation.JsonValue;
import com.fasterxml.jackson.databind.util.RawValue;
import com.google.cloud.tools.jib.image.json.ManifestTemplate;
import java.nio.charset.StandardCharsets;

/**
 * A manifest that jib sends exactly as the image goal wrote it. jib serialises manifests from its own templates, which
 * would reorder fields and drop annotations, and so change the digest; this template serialises to the stored bytes.
 */
final class RawManifest implements ManifestTemplate {
    private final String json;
    private final String mediaType;

    RawManifest(byte[] bytes, String mediaType) {
        this.json = new String(bytes, StandardCharsets.UTF_8);
        this.mediaType = mediaType;
    }

    @JsonValue
    RawValue json() {
        return new RawValue(json);
    }

    @Override
    public int getSchemaVersion() {
        return 2;
    }

    @Override
    public String getManifestMediaType() {
        return mediaType;
    }
}
