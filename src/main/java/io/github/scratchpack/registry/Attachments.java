package io.github.scratchpack.registry;

import io.github.scratchpack.signing.ImageSignature;
import java.nio.file.Path;

/**
 * What a push attaches to the image once every tag points at it.
 *
 * @param sbom the SBOM to attach as an OCI referrer, or {@code null}
 * @param signature the cosign signature to store at {@code sha256-<hex>.sig}, or {@code null}
 */
public record Attachments(Sbom sbom, ImageSignature signature) {
    /** Nothing to attach. */
    public static final Attachments NONE = new Attachments(null, null);

    /** What is attached, for messages: such as {@code "its SBOM and signature"}. */
    public String description() {
        if (sbom != null && signature != null) {
            return "its SBOM and signature";
        }
        return sbom != null ? "its SBOM" : signature != null ? "its signature" : "nothing";
    }

    /**
     * An SBOM file whose digest and size the image goal recorded.
     *
     * @param file the file
     * @param mediaType its media type, also the referrer's artifact type
     * @param digest its {@code sha256:<hex>} digest
     * @param size its size in bytes
     */
    public record Sbom(Path file, String mediaType, String digest, long size) {
    }
}
