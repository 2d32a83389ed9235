package io.github.scratchpack.image;

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
