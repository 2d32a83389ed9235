package io.github.scratchpack.image;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.time.Instant;
import java.util.Map;

/**
 * What {@code stat} says of a file, as git's index keeps it: enough to trust a digest taken earlier without reading
 * the file again. A file whose content changed always has a new change time, which tools such as {@code touch -d}
 * cannot set back; a digest is trusted only when the file was last changed clearly before the digest was taken.
 */
public final class FileStat {
    /** How long before a recording a change must have happened, on file systems with nanosecond times. */
    private static final long FINE_MARGIN_NANOS = 100_000_000L;
    /** The same on file systems that keep whole seconds (or two, as FAT does). */
    private static final long COARSE_MARGIN_NANOS = 2_000_000_000L;

    private FileStat() {
    }

    /** The moment, in nanoseconds since 1970, at which a file starts to be read for a digest. */
    public static long now() {
        Instant now = Instant.now();
        return now.getEpochSecond() * 1_000_000_000L + now.getNano();
    }

    /**
     * The file's real path, size, modification and change times, inode and device, as one line.
     *
     * @param file the file
     * @return its stat line
     * @throws IOException when the file cannot be examined
     */
    public static String line(Path file) throws IOException {
        Path real = file.toRealPath();
        Map<String, Object> stat = Files.readAttributes(real, "unix:size,lastModifiedTime,ctime,ino,dev");
        return real + " " + stat.get("size") + " " + nanos((FileTime) stat.get("lastModifiedTime")) + " "
                + nanos((FileTime) stat.get("ctime")) + " " + stat.get("ino") + " " + stat.get("dev");
    }

    /**
     * Whether the file was last modified and changed early enough before {@code recordedAt} to be trusted.
     *
     * @param file the file
     * @param recordedAt {@link #now()} as it was when the file started to be read
     * @return whether a digest taken from then on still describes the file, provided its {@link #line} is unchanged
     * @throws IOException when the file cannot be examined
     */
    public static boolean settledBefore(Path file, long recordedAt) throws IOException {
        Map<String, Object> stat = Files.readAttributes(file, "unix:lastModifiedTime,ctime");
        long latest = Math.max(nanos((FileTime) stat.get("lastModifiedTime")), nanos((FileTime) stat.get("ctime")));
        long margin = latest % 1_000_000_000L == 0 ? COARSE_MARGIN_NANOS : FINE_MARGIN_NANOS;
        return latest < recordedAt - margin;
    }

    private static long nanos(FileTime time) {
        Instant instant = time.toInstant();
        return instant.getEpochSecond() * 1_000_000_000L + instant.getNano();
    }
}
