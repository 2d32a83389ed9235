package io.github.scratchpack.registry;

import com.google.cloud.tools.jib.api.DescriptorDigest;
import com.google.cloud.tools.jib.blob.Blob;
import com.google.cloud.tools.jib.blob.BlobDescriptor;
import io.github.scratchpack.output.TarballImage.StoredBlob;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;

/**
 * A stored blob as jib uploads it. It says it cannot be retried, so that jib's HTTP client never resends it into a
 * half-written upload; {@link Retry} starts a failed upload over instead.
 */
record TarballBlob(StoredBlob blob, DescriptorDigest digest, BlobOpener opener) implements Blob {

    @Override
    public BlobDescriptor writeTo(OutputStream out) throws IOException {
        try (InputStream in = opener.open(blob)) {
            in.transferTo(out);
        }
        return new BlobDescriptor(blob.size(), digest);
    }

    @Override
    public boolean isRetryable() {
        return false;
    }
}
