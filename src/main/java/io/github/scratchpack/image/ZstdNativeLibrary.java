package io.github.scratchpack.image;

import com.github.luben.zstd.util.Native;
import com.github.luben.zstd.util.ZstdVersion;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.JarURLConnection;
import java.net.URL;
import java.net.URLConnection;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.PosixFilePermission;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;
import java.util.jar.JarEntry;
import java.util.zip.CRC32;
import java.util.zip.CheckedOutputStream;

/**
 * Loads zstd-jni's native library from a per-user cache. Left to itself, zstd-jni copies the library out of its
 * jar into a new temporary file in every JVM, which costs each build about 35 ms; here it is copied once, into
 * {@code $XDG_CACHE_HOME/scratchpack/native} (by default {@code ~/.cache/scratchpack/native}), under a name that
 * holds zstd-jni's version and the library's CRC-32 from the jar.
 *
 * <p>The cache is only used when its directory and file are the current user's alone (no group or other write
 * permission), the same trust as the local Maven repository the jar itself comes from. Whenever it cannot be used
 * (no POSIX file system, an unwritable home, another class loader of this JVM holding the same file) zstd-jni
 * loads the library its own way.
 */
final class ZstdNativeLibrary {
    private static final Set<PosixFilePermission> OWNER_ONLY = PosixFilePermissions.fromString("rwx------");
    private static final Set<PosixFilePermission> OWNER_READ_EXECUTE = PosixFilePermissions.fromString("r-x------");

    private ZstdNativeLibrary() {
    }

    /** Loads the library once per class loader, before the first zstd stream is made. */
    static synchronized void load() {
        if (Native.isLoaded()) {
            return;
        }
        try {
            Optional<Path> library = cachedCopy(defaultDirectory());
            if (library.isPresent()) {
                System.load(library.get().toString());
                Native.assumeLoaded();
                return;
            }
        } catch (IOException | UnsatisfiedLinkError | UnsupportedOperationException | SecurityException e) {
            // zstd-jni's own way below always works where the cache does not
        }
        Native.load();
    }

    /**
     * The cached copy of the library for this platform, made first when it is missing or not whole.
     *
     * @param directory the cache directory; made, readable and writable by its owner only, when missing
     * @return the library, or empty when zstd-jni has no library for this platform in a jar, or when the
     *     directory or the cached file may be written by other users
     * @throws IOException when the cache cannot be written
     */
    static Optional<Path> cachedCopy(Path directory) throws IOException {
        URL resource = Native.class.getResource(resourceName());
        if (resource == null) {
            return Optional.empty();
        }
        URLConnection connection = resource.openConnection();
        if (!(connection instanceof JarURLConnection jar)) {
            return Optional.empty();
        }
        JarEntry entry = jar.getJarEntry();
        String name = "libzstd-jni-" + ZstdVersion.VERSION + "-" + Long.toHexString(entry.getCrc()) + "." + extension();
        if (!Files.isDirectory(directory)) {
            Files.createDirectories(directory);
            Files.setPosixFilePermissions(directory, OWNER_ONLY);
        }
        Path library = directory.resolve(name);
        if (!ownerOnlyWritable(directory)) {
            return Optional.empty();
        }
        if (Files.isRegularFile(library, LinkOption.NOFOLLOW_LINKS) && Files.size(library) == entry.getSize()) {
            return ownerOnlyWritable(library) ? Optional.of(library) : Optional.empty();
        }
        Path temporary = Files.createTempFile(directory, ".lib-", ".tmp");
        try {
            CRC32 crc = new CRC32();
            try (InputStream in = connection.getInputStream();
                 OutputStream out = new CheckedOutputStream(Files.newOutputStream(temporary), crc)) {
                in.transferTo(out);
            }
            if (crc.getValue() != entry.getCrc()) {
                throw new IOException(resource + " does not match its CRC-32 in the jar");
            }
            Files.setPosixFilePermissions(temporary, OWNER_READ_EXECUTE);
            Files.move(temporary, library, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
        } finally {
            Files.deleteIfExists(temporary);
        }
        return Optional.of(library);
    }

    private static boolean ownerOnlyWritable(Path path) throws IOException {
        Set<PosixFilePermission> permissions = Files.getPosixFilePermissions(path, LinkOption.NOFOLLOW_LINKS);
        return !permissions.contains(PosixFilePermission.GROUP_WRITE)
                && !permissions.contains(PosixFilePermission.OTHERS_WRITE)
                && Files.getOwner(path, LinkOption.NOFOLLOW_LINKS).getName().equals(System.getProperty("user.name"));
    }

    private static Path defaultDirectory() {
        String xdg = System.getenv("XDG_CACHE_HOME");
        Path base = xdg != null && !xdg.isBlank() ? Path.of(xdg) : Path.of(System.getProperty("user.home"), ".cache");
        return base.resolve("scratchpack").resolve("native");
    }

    /** Where zstd-jni keeps the library for this platform in its jar, named as zstd-jni itself names it. */
    private static String resourceName() {
        String os = os();
        String arch = System.getProperty("os.arch");
        if (os.equals("darwin") && arch.equals("amd64")) {
            arch = "x86_64";
        }
        return "/" + os + "/" + arch + "/libzstd-jni-" + ZstdVersion.VERSION + "." + extension();
    }

    private static String os() {
        String os = System.getProperty("os.name").toLowerCase(Locale.ROOT).replace(' ', '_');
        if (os.startsWith("win")) {
            return "win";
        }
        return os.startsWith("mac") ? "darwin" : os;
    }

    private static String extension() {
        String os = os();
        return os.equals("darwin") ? "dylib" : os.equals("win") ? "dll" : "so";
    }
}
