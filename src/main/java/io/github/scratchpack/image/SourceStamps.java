package io.github.scratchpack.image;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.security.MessageDigest;
import java.time.Clock;
import java.time.Instant;
import java.util.HashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;

/**
 * Remembers the diffID of each layer built from files on disk, together with what {@code stat} said about those
 * files, so that an unchanged executable is not read and hashed again on the next build; git's index does the same.
 *
 * <p>A recorded diffID is used only when every source file has the same path, inode, size, modification time and
 * change time as when it was recorded, and was last changed clearly before the recording began. The change time
 * cannot be set back by tools such as {@code touch -d}, so a file whose content changed is always read again.
 * Anything else, a plain {@code touch} included, means the file is read and hashed; the layer cache itself stays
 * keyed on that content hash, so a touched but unchanged file still reuses its compressed blob.
 */
public final class SourceStamps {
    private final Path directory;
    private final Clock clock;
    private final Set<String> used = new HashSet<>();

    /**
     * @param directory where the stamps are kept between builds; created when missing
     * @param clock what tells the time a recording begins
     */
    public SourceStamps(Path directory, Clock clock) throws IOException {
        this.directory = Files.createDirectories(directory);
        this.clock = clock;
    }

    /** The moment a layer's sources start to be read; pass it to {@link #record} once the diffID is known. */
    public Instant now() {
        return clock.instant();
    }

    /**
     * The diffID recorded for a layer whose source files are all exactly as they were when it was recorded.
     *
     * @param contents the layer
     * @param time the time stamped on the layer's entries, which is part of its tar stream
     * @return the recorded diffID, or empty when the layer has no source files, was not recorded, or changed
     */
    public Optional<String> diffId(LayerContents contents, Instant time) throws IOException {
        Optional<String> name = name(contents, time);
        if (name.isEmpty()) {
            return Optional.empty();
        }
        List<String> lines;
        try {
            lines = Files.readAllLines(directory.resolve(name.get()), StandardCharsets.UTF_8);
        } catch (NoSuchFileException e) {
            return Optional.empty();
        }
        if (lines.size() != 2 || !lines.get(0).matches("sha256:[0-9a-f]{64}") || !lines.get(1).matches("[0-9]{1,19}")) {
            return Optional.empty();
        }
        long recordedAt = Long.parseLong(lines.get(1));
        for (LayerFile file : contents.files()) {
            if (file.source() != null && !FileStat.settledBefore(file.source(), recordedAt)) {
                return Optional.empty();
            }
        }
        used.add(name.get());
        return Optional.of(lines.get(0));
    }

    /**
     * Records the diffID of a layer with source files; a layer without any is not recorded.
     *
     * @param contents the layer
     * @param time the time stamped on the layer's entries
     * @param diffId the layer's diffID
     * @param readFrom the {@link #now()} taken before the sources were read
     */
    public void record(LayerContents contents, Instant time, String diffId, Instant readFrom) throws IOException {
        Optional<String> name = name(contents, time);
        if (name.isEmpty()) {
            return;
        }
        long recordedAt = readFrom.getEpochSecond() * 1_000_000_000L + readFrom.getNano();
        Path temporary = Files.createTempFile(directory, ".stamp-", ".tmp");
        try {
            Files.writeString(temporary, diffId + "\n" + recordedAt + "\n", StandardCharsets.UTF_8);
            Files.move(temporary, directory.resolve(name.get()), StandardCopyOption.REPLACE_EXISTING,
                    StandardCopyOption.ATOMIC_MOVE);
        } finally {
            Files.deleteIfExists(temporary);
        }
        used.add(name.get());
    }

    /** Deletes the stamps that this build neither used nor recorded. */
    public void retainUsed() throws IOException {
        try (DirectoryStream<Path> entries = Files.newDirectoryStream(directory)) {
            for (Path entry : entries) {
                if (!used.contains(entry.getFileName().toString())) {
                    Files.deleteIfExists(entry);
                }
            }
        }
    }

    /**
     * The stamp's file name: a hash of everything that makes up the layer's tar stream except the sources'
     * content, which stands in as what {@code stat} says of each source. Empty for a layer without sources.
     */
    private static Optional<String> name(LayerContents contents, Instant time) throws IOException {
        MessageDigest digest = Sha256.newDigest();
        boolean sources = false;
        update(digest, "scratchpack-stamp-v1 " + time.getEpochSecond());
        for (LayerFile file : contents.files()) {
            update(digest, file.path() + " " + Integer.toOctalString(file.mode()) + " " + file.uid() + ":" + file.gid()
                    + (file.directory() ? " directory" : ""));
            if (file.bytes() != null) {
                update(digest, Sha256.of(file.bytes()));
            }
            if (file.source() != null) {
                sources = true;
                update(digest, FileStat.line(file.source()));
            }
        }
        return sources ? Optional.of(Sha256.hex(Sha256.format(digest.digest()))) : Optional.empty();
    }

    private static void update(MessageDigest digest, String text) {
        digest.update(text.getBytes(StandardCharsets.UTF_8));
        digest.update((byte) '\n');
    }
}
