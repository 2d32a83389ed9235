package io.github.scratchpack.image;

import java.io.ByteArrayOutputStream;
import java.util.Arrays;

/**
 * Identifies the deflate implementation behind the JDK's {@link java.util.zip.Deflater} by its output: a fixed
 * probe is compressed the way parallel gzip compresses a layer (two blocks, the second primed with the first as a
 * preset dictionary) and the result is hashed.
 *
 * <p>The JDK deflates with a zlib it bundles or with the system's {@code libz.so.1}, and zlib forks such as zlib-ng
 * (Fedora 40 and later ship it as the system zlib) choose other matches and give other bytes for the same input.
 * Two JDKs whose fingerprints differ at a level give different gzip layers at that level. Equal fingerprints show
 * that both deflated this probe alike, which is strong evidence but no proof that they deflate everything alike;
 * zlib 1.2.13 (Debian 12's system zlib) and 1.3.2 (bundled with Temurin 25) give equal fingerprints and layers.
 */
public final class DeflateFingerprint {
    private static final int PROBE_BLOCK = 32 * 1024;
    /** By level; a plain array rather than a map with a lambda, which would cost a cold JVM more than the probe. */
    private static final String[] BY_LEVEL = new String[10];

    private DeflateFingerprint() {
    }

    /**
     * @param level the deflate level, 1 to 9
     * @return {@code sha256:<hex>} of this JDK's deflate output for the probe at that level; computed once per level
     */
    public static synchronized String of(int level) {
        if (BY_LEVEL[level] == null) {
            BY_LEVEL[level] = compute(level, probe());
        }
        return BY_LEVEL[level];
    }

    private static String compute(int level, byte[] probe) {
        byte[] first = Arrays.copyOfRange(probe, 0, PROBE_BLOCK);
        byte[] second = Arrays.copyOfRange(probe, PROBE_BLOCK, probe.length);
        ByteArrayOutputStream output = new ByteArrayOutputStream();
        output.writeBytes(BlockDeflater.deflate(level, first, first.length, null, false));
        output.writeBytes(BlockDeflater.deflate(level, second, second.length, first, true));
        return Sha256.of(output.toByteArray());
    }

    /**
     * 64 KiB that give a match finder choices, as machine code does: runs of bytes from a skewed alphabet between
     * copies of earlier bytes at every distance up to beyond the block boundary and of every length deflate allows,
     * so that implementations which search, hash or choose lazily in other ways come out different.
     */
    private static byte[] probe() {
        byte[] probe = new byte[2 * PROBE_BLOCK];
        long state = 0x5DEECE66DL;
        int at = 0;
        while (at < probe.length) {
            state = state * 6364136223846793005L + 1442695040888963407L;
            int random = (int) (state >>> 33);
            if (at > 3 && (random & 3) != 0) {
                int distance = 1 + (random >>> 2) % Math.min(at, 40_000);
                int length = Math.min(3 + (random >>> 18) % 256, probe.length - at);
                if (distance >= length) {
                    System.arraycopy(probe, at - distance, probe, at, length);
                    at += length;
                } else {
                    for (int i = 0; i < length; i++, at++) {
                        probe[at] = probe[at - distance];
                    }
                }
            } else {
                int length = Math.min(1 + (random >>> 2) % 16, probe.length - at);
                for (int i = 0; i < length; i++, at++) {
                    state = state * 6364136223846793005L + 1442695040888963407L;
                    int bits = (int) (state >>> 40);
                    probe[at] = (byte) ((bits & 0xff) % (1 + (bits >>> 8 & 0x3f)));
                }
            }
        }
        return probe;
    }
}
