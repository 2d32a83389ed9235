package io.github.scratchpack.image;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.DigestOutputStream;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;

/** SHA-256 digests in the {@code sha256:<hex>} form that OCI descriptors use. */
public final class Sha256 {
    private Sha256() {
    }

    /** A new SHA-256 message digest. */
    public static MessageDigest newDigest() {
        try {
            return MessageDigest.getInstance("SHA-256");
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("Every Java runtime has SHA-256", e);
        }
    }

    /** The {@code sha256:<hex>} digest of some bytes. */
    public static String of(byte[] content) {
        return format(newDigest().digest(content));
    }

    /** The {@code sha256:<hex>} digest of a file's bytes, read as a stream. */
    public static String ofFile(Path file) throws IOException {
        MessageDigest digest = newDigest();
        try (InputStream in = Files.newInputStream(file);
                OutputStream sink = new DigestOutputStream(OutputStream.nullOutputStream(), digest)) {
            in.transferTo(sink);
        }
        return format(digest.digest());
    }

    /** The {@code sha256:<hex>} form of a finished digest. */
    public static String format(byte[] digest) {
        return "sha256:" + HexFormat.of().formatHex(digest);
    }

    /** The hex part of a {@code sha256:<hex>} digest. */
    public static String hex(String digest) {
        if (!digest.startsWith("sha256:")) {
            throw new IllegalArgumentException("Not a sha256 digest: " + digest);
        }
        return digest.substring("sha256:".length());
    }
}
