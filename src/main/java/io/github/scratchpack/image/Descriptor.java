package io.github.scratchpack.image;

import java.util.LinkedHashMap;
import java.util.Map;

/**
 * An OCI content descriptor: what a blob is, its digest and its size.
 *
 * @param mediaType the blob's media type
 * @param digest the {@code sha256:<hex>} digest of the blob's bytes
 * @param size the blob's size in bytes
 */
public record Descriptor(String mediaType, String digest, long size) {

    /** The descriptor as an ordered JSON object, plus annotations when there are any. */
    public Map<String, Object> toJson(Map<String, String> annotations) {
        Map<String, Object> json = new LinkedHashMap<>();
        json.put("mediaType", mediaType);
        json.put("digest", digest);
        json.put("size", size);
        if (!annotations.isEmpty()) {
            json.put("annotations", annotations);
        }
        return json;
    }
}
