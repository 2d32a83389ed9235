package io.github.scratchpack.image;

import java.io.IOException;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;

/** A directory of blobs named by their digest, each moved into place only once it is complete. */
public final class BlobStore {
    private final Path directory;

    /**
     * @param directory where the blobs live; created when missing
     */
    public BlobStore(Path directory) throws IOException {
        this.directory = Files.createDirectories(directory);
    }

    /** A new temporary file in the store, for a blob being written. */
    public Path newTemporaryFile() throws IOException {
        return Files.createTempFile(directory, ".blob-", ".tmp");
    }

    /**
     * Moves a finished temporary file into place under its digest.
     *
     * @param temporary the complete blob
     * @param digest its {@code sha256:<hex>} digest
     * @return the blob's final path
     */
    public Path commit(Path temporary, String digest) throws IOException {
        Path target = path(digest);
        try {
            Files.move(temporary, target, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
        } catch (AtomicMoveNotSupportedException e) {
            Files.move(temporary, target, StandardCopyOption.REPLACE_EXISTING);
        }
        return target;
    }

    /** The directory holding the blobs. */
    public Path directory() {
        return directory;
    }

    /** Where the blob with a digest is, or would be, stored. */
    public Path path(String digest) {
        return directory.resolve(Sha256.hex(digest));
    }
}
