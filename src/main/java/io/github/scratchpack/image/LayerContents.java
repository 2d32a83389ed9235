package io.github.scratchpack.image;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * The entries of one layer, in a fixed order and with every parent directory present.
 *
 * @param description what the layer holds, recorded in the image history
 * @param files the entries sorted by path, parents first
 */
public record LayerContents(String description, List<LayerFile> files) {
    /** The mode of the parent directories that {@link #of} adds, owned by root. */
    static final int PARENT_MODE = 0755;

    public LayerContents {
        files = List.copyOf(files);
    }

    /**
     * Builds a layer from entries in any order, adding root-owned {@code 0755} parents that are not given and
     * sorting by path so that the tar stream never depends on the order of the configuration.
     *
     * @param description what the layer holds
     * @param entries the files and directories
     * @return the layer contents
     * @throws IllegalArgumentException when two entries have the same path
     */
    public static LayerContents of(String description, List<LayerFile> entries) {
        Map<String, LayerFile> byPath = byPath(description, entries);
        for (LayerFile entry : new ArrayList<>(byPath.values())) {
            for (String parent = entry.parent(); parent != null; parent = LayerFile.parentOf(parent)) {
                byPath.putIfAbsent(parent, LayerFile.directory(parent, PARENT_MODE));
            }
        }
        return new LayerContents(description, new ArrayList<>(byPath.values()));
    }

    /**
     * Builds an archive of files only, sorted by path, without directory entries: for the image tarball, whose
     * readers create directories as they need them, and where every 512-byte header counts.
     *
     * @param description what the archive holds
     * @param entries the files
     * @return the contents
     * @throws IllegalArgumentException when two entries have the same path
     */
    public static LayerContents filesOnly(String description, List<LayerFile> entries) {
        return new LayerContents(description, new ArrayList<>(byPath(description, entries).values()));
    }

    private static Map<String, LayerFile> byPath(String description, List<LayerFile> entries) {
        Map<String, LayerFile> byPath = new TreeMap<>();
        for (LayerFile entry : entries) {
            if (byPath.put(entry.path(), entry) != null) {
                throw new IllegalArgumentException("Two entries of the layer '" + description + "' have the path " + entry.path());
            }
        }
        return byPath;
    }
}
