package io.github.scratchpack.image;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;

/** Bytes derived from an input and kept in a file named after it, so that a rebuild does not derive them again. */
final class CachedBytes {
    /** Derives the bytes. */
    @FunctionalInterface
    interface Derivation {
        byte[] derive() throws IOException;
    }

    private CachedBytes() {
    }

    /** The bytes in {@code cached}, or else derived and written there atomically. */
    static byte[] get(Path cached, Derivation derivation) throws IOException {
        if (Files.isRegularFile(cached)) {
            return Files.readAllBytes(cached);
        }
        byte[] bytes = derivation.derive();
        Files.createDirectories(cached.getParent());
        Path temporary = Files.createTempFile(cached.getParent(), ".cache-", ".tmp");
        Files.write(temporary, bytes);
        Files.move(temporary, cached, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
        return bytes;
    }
}
