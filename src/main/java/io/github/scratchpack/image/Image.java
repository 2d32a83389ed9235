package io.github.scratchpack.image;

import java.util.List;

/**
 * A finished image: its layers, config and manifest, with every digest computed once. Every destination writes or
 * sends exactly these bytes, so the image has one digest wherever it goes.
 *
 * @param references the image reference and its further tags
 * @param layers the layers, from the least to the most often changed
 * @param config the config blob's descriptor
 * @param configBytes the config blob
 * @param manifest the manifest's descriptor; its digest is the image digest
 * @param manifestBytes the manifest
 * @param architecture the OCI architecture
 */
public record Image(List<ImageReference> references, List<Layer> layers, Descriptor config, byte[] configBytes,
                    Descriptor manifest, byte[] manifestBytes, String architecture) {

    public Image {
        references = List.copyOf(references);
        layers = List.copyOf(layers);
    }

    /** The image digest: the digest of the manifest. */
    public String digest() {
        return manifest.digest();
    }

    /** The image ID that docker and podman show: the digest of the config. */
    public String imageId() {
        return config.digest();
    }
}
