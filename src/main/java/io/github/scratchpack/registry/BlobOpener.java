package io.github.scratchpack.registry;

import io.github.scratchpack.output.TarballImage.StoredBlob;
import java.io.IOException;
import java.io.InputStream;

/** Opens the bytes of a blob to upload; each call gives a new stream from the start. */
@FunctionalInterface
public interface BlobOpener {
    InputStream open(StoredBlob blob) throws IOException;
}
