package io.github.scratchpack.image;

import java.io.IOException;
import java.util.ArrayList;
import java.util.List;

/** Builds an {@link Image} from a spec: writes the layers into a blob store, then the config and manifest. */
public final class ImageAssembler {
    private final BlobStore store;

    /**
     * @param store where the layer blobs are written
     */
    public ImageAssembler(BlobStore store) {
        this.store = store;
    }

    /**
     * Writes the layers, from the least to the most often changed: base files, CA certificates, the user's files,
     * and the executable.
     *
     * @param spec the checked settings
     * @return the image
     * @throws IOException when a source cannot be read or a blob cannot be written
     */
    public Image assemble(ImageSpec spec) throws IOException {
        LayerWriter writer = new LayerWriter(store, spec.creationTime(), spec.compression(), spec.level(), spec.threads());
        List<Layer> layers = new ArrayList<>();
        for (LayerContents contents : layerContents(spec)) {
            layers.add(writer.write(contents));
        }
        byte[] config = ImageDocuments.config(spec, layers);
        Descriptor configDescriptor = new Descriptor(ImageDocuments.CONFIG_MEDIA_TYPE, Sha256.of(config), config.length);
        byte[] manifest = ImageDocuments.manifest(spec, configDescriptor, layers);
        Descriptor manifestDescriptor = new Descriptor(ImageDocuments.MANIFEST_MEDIA_TYPE, Sha256.of(manifest), manifest.length);
        return new Image(spec.references(), layers, configDescriptor, config, manifestDescriptor, manifest, spec.architecture());
    }

    /** The contents of each layer of a spec, in image order. */
    public static List<LayerContents> layerContents(ImageSpec spec) {
        List<LayerContents> layers = new ArrayList<>();
        layers.add(BaseFiles.layer());
        byte[] certificates = spec.certificates();
        if (certificates != null) {
            layers.add(LayerContents.of("CA certificates: " + CaCertificates.PATH,
                    List.of(LayerFile.file(CaCertificates.PATH, 0644, certificates))));
        }
        if (!spec.userFiles().isEmpty()) {
            layers.add(LayerContents.of("files: " + spec.userFiles().size() + " from the project", spec.userFiles()));
        }
        layers.add(LayerContents.of("executable: " + spec.binaryPath(), List.of(
                LayerFile.directory(ImageSpec.APP_DIRECTORY, 0755),
                LayerFile.copyOf(spec.binary(), spec.binaryPath(), 0755))));
        return layers;
    }
}
