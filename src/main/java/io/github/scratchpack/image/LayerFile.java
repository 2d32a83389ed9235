package io.github.scratchpack.image;

import java.nio.file.Path;

/**
 * One entry of a layer: a directory, or a regular file whose bytes come from memory or from a file on disk.
 *
 * @param path the absolute path in the image, such as {@code /etc/passwd}
 * @param mode the permission bits, such as {@code 0644}
 * @param uid the numeric owner
 * @param gid the numeric group
 * @param bytes the content of a file held in memory, or {@code null}
 * @param source the file whose content this entry has, or {@code null}
 * @param directory whether the entry is a directory
 */
public record LayerFile(String path, int mode, int uid, int gid, byte[] bytes, Path source, boolean directory) {

    public LayerFile {
        if (!path.startsWith("/") || path.length() > 1 && path.endsWith("/")) {
            throw new IllegalArgumentException("Image paths are absolute and have no trailing slash: " + path);
        }
    }

    /** A directory owned by root. */
    public static LayerFile directory(String path, int mode) {
        return new LayerFile(path, mode, 0, 0, null, null, true);
    }

    /** A directory with the given owner. */
    public static LayerFile directory(String path, int mode, int uid, int gid) {
        return new LayerFile(path, mode, uid, gid, null, null, true);
    }

    /** A root-owned file with content held in memory. */
    public static LayerFile file(String path, int mode, byte[] bytes) {
        return new LayerFile(path, mode, 0, 0, bytes.clone(), null, false);
    }

    /** A root-owned file whose content is read from disk when the layer is written. */
    public static LayerFile copyOf(Path source, String path, int mode) {
        return new LayerFile(path, mode, 0, 0, null, source, false);
    }

    /** The path of the entry's parent directory, or {@code null} for a top-level entry. */
    public String parent() {
        return parentOf(path);
    }

    /** The parent directory of an absolute image path, or {@code null} for a top-level path. */
    public static String parentOf(String path) {
        int slash = path.lastIndexOf('/');
        return slash <= 0 ? null : path.substring(0, slash);
    }
}
