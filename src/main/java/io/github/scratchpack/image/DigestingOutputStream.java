package io.github.scratchpack.image;

import java.io.FilterOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.security.MessageDigest;

/** Passes bytes through while hashing them with SHA-256 and counting them. */
public final class DigestingOutputStream extends FilterOutputStream {
    private final MessageDigest digest = Sha256.newDigest();
    private long count;

    public DigestingOutputStream(OutputStream out) {
        super(out);
    }

    @Override
    public void write(int b) throws IOException {
        digest.update((byte) b);
        count++;
        out.write(b);
    }

    @Override
    public void write(byte[] bytes, int offset, int length) throws IOException {
        digest.update(bytes, offset, length);
        count += length;
        out.write(bytes, offset, length);
    }

    /** The {@code sha256:<hex>} digest of everything written; call once, after the last write. */
    public String digest() {
        return Sha256.format(digest.digest());
    }

    /** How many bytes were written. */
    public long count() {
        return count;
    }
}
