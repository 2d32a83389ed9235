package io.github.scratchpack.image;

import java.io.IOException;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * Builds an {@link Image} from a spec: writes the layers into a blob store, reusing the blob of every layer whose
 * key is unchanged since the last build, then writes the config and manifest. With an empty cache (a clean build)
 * each layer is made in one pass over its sources. Otherwise the layer's diffID comes from its {@link SourceStamps}
 * when its files are untouched since they were last hashed, or from a pass that hashes the uncompressed tar
 * stream; only a cache miss reads the sources (again) to compress them.
 */
public final class ImageAssembler {
    private final BlobStore store;
    private final LayerCache cache;
    private final SourceStamps stamps;

    /**
     * @param workDirectory where blobs and cache entries are kept between builds
     */
    public ImageAssembler(Path workDirectory) throws IOException {
        this.store = new BlobStore(workDirectory.resolve("blobs/sha256"));
        this.cache = new LayerCache(workDirectory.resolve("layers"), store);
        this.stamps = new SourceStamps(workDirectory.resolve("stamps"), Clock.systemUTC());
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
        List<String> keys = new ArrayList<>();
        boolean cold = cache.isEmpty();
        for (LayerContents contents : layerContents(spec)) {
            Optional<Layer> cached = Optional.empty();
            Instant readFrom = stamps.now();
            Optional<String> stamped = cold ? Optional.empty() : stamps.diffId(contents, spec.creationTime());
            if (!cold) {
                String diffId = stamped.isPresent() ? stamped.get() : writer.diffId(contents);
                cached = cache.find(LayerKey.of(diffId, writer.compressor()), spec.compression(), writer.compressor(),
                        contents.description());
            }
            Layer layer = cached.isPresent() ? cached.get() : writer.write(contents);
            String key = LayerKey.of(layer.diffId(), writer.compressor());
            if (cached.isEmpty()) {
                cache.record(key, layer);
            }
            if (stamped.isEmpty()) {
                stamps.record(contents, spec.creationTime(), layer.diffId(), readFrom);
            }
            keys.add(key);
            layers.add(layer);
        }
        cache.retainOnly(keys, layers);
        stamps.retainUsed();
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
            byte[] javaTrustStore = spec.javaTrustStore();
            layers.add(javaTrustStore == null
                    ? LayerContents.of("CA certificates: " + CaCertificates.PATH,
                            List.of(LayerFile.file(CaCertificates.PATH, 0644, certificates)))
                    : LayerContents.of("CA certificates: " + CaCertificates.PATH + ", " + JavaTrustStore.PATH,
                            List.of(LayerFile.file(CaCertificates.PATH, 0644, certificates),
                                    LayerFile.file(JavaTrustStore.PATH, 0644, javaTrustStore))));
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
