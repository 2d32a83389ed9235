package io.github.scratchpack.image;

import com.github.luben.zstd.util.Native;
import com.github.luben.zstd.util.ZstdVersion;
import com.sun.security.auth.module.UnixSystem;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.JarURLConnection;
import java.net.URISyntaxException;
import java.net.URL;
import java.net.URLConnection;
import java.nio.file.DirectoryStream;
import java.nio.file.FileSystemNotFoundException;
import java.nio.file.FileSystems;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.FileTime;
import java.time.Duration;
import java.time.Instant;
import java.util.Locale;
import java.util.Optional;
import java.util.jar.JarEntry;
import java.util.jar.JarFile;
import java.util.zip.CRC32;
import java.util.zip.CheckedOutputStream;

/**
 * Loads zstd-jni's native library from a per-user cache. Left to itself, zstd-jni copies the library out of its
 * jar into a new temporary file in every JVM, which costs each build about 35 ms; here it is copied once, into
 * {@code $XDG_CACHE_HOME/scratchpack/native} (by default {@code ~/.cache/scratchpack/native}), under a name that
 * holds zstd-jni's version and the library's CRC-32 from the jar.
 *
 * <p>The cache is trusted as the local Maven repository is, and only when nobody but the user (or root) can
 * change it: the library and its directory must belong to the user or root and be writable by their owner only,
 * and every directory above must belong to the user or root and be writable by others only with the sticky bit
 * (as {@code /tmp}). Whenever the cache cannot be used (no Unix file system, an unwritable home, zstd-jni's own
 * {@code ZstdNativePath} or {@code ZstdTempFolder} set, zstd-jni loaded by another class loader, or another class
 * loader of this JVM holding the cached file already) zstd-jni loads the library its own way.
 */
final class ZstdNativeLibrary {
    /** How old a temporary file of an interrupted copy must be before it is deleted. */
    private static final Duration ABANDONED_AFTER = Duration.ofHours(1);
    private static final int GROUP_OR_OTHERS_WRITE = 0022;
    private static final int STICKY = 01000;

    private ZstdNativeLibrary() {
    }

    /** Loads the library once per class loader, before the first zstd stream is made. */
    static synchronized void load() {
        if (Native.isLoaded()) {
            return;
        }
        if (cacheApplies()) {
            try {
                Optional<Path> library = cachedCopy(defaultDirectory());
                if (library.isPresent()) {
                    System.load(library.get().toString());
                    Native.assumeLoaded();
                    return;
                }
            } catch (IOException | LinkageError | RuntimeException e) {
                // zstd-jni's own way below works wherever the cache does not
            }
        }
        Native.load();
    }

    /**
     * Whether a library loaded here serves zstd-jni: {@link System#load} binds it to this class's loader, which
     * must be zstd-jni's; and whether the user has not told zstd-jni where to find or put it.
     */
    private static boolean cacheApplies() {
        return Native.class.getClassLoader() == ZstdNativeLibrary.class.getClassLoader()
                && System.getProperty("ZstdNativePath") == null
                && System.getProperty("ZstdTempFolder") == null
                && FileSystems.getDefault().supportedFileAttributeViews().contains("unix");
    }

    /**
     * The cached copy of the library for this platform, made first when it is missing or has another size.
     *
     * @param directory the cache directory; made, writable by its owner only, when missing
     * @return the library, or empty when zstd-jni has no library for this platform in a jar, or when others
     *     than the user and root may change the directory, one above it, or the cached file
     * @throws IOException when the cache cannot be written
     */
    static Optional<Path> cachedCopy(Path directory) throws IOException {
        URL resource = Native.class.getResource(resourceName());
        if (resource == null) {
            return Optional.empty();
        }
        URLConnection connection = resource.openConnection();
        if (!(connection instanceof JarURLConnection jarConnection)) {
            return Optional.empty();
        }
        if (!Files.isDirectory(directory)) {
            Files.createDirectories(directory);
            Files.setAttribute(directory, "unix:mode", 0700);
        }
        Path real = directory.toRealPath();
        if (!trustedDirectory(real)) {
            return Optional.empty();
        }
        deleteAbandonedCopies(real);
        try (JarFile jar = new JarFile(Path.of(jarConnection.getJarFileURL().toURI()).toFile())) {
            JarEntry entry = jar.getJarEntry(jarConnection.getEntryName());
            if (entry == null) {
                return Optional.empty();
            }
            Path library = real.resolve("libzstd-jni-" + ZstdVersion.VERSION + "-" + Long.toHexString(entry.getCrc())
                    + "." + extension());
            if (Files.isRegularFile(library, LinkOption.NOFOLLOW_LINKS) && Files.size(library) == entry.getSize()) {
                return ownedAndOwnerWritableOnly(library) ? Optional.of(library) : Optional.empty();
            }
            copy(jar, entry, library);
            return Optional.of(library);
        } catch (URISyntaxException | IllegalArgumentException | FileSystemNotFoundException e) {
            return Optional.empty(); // a jar that is not a file of its own, such as one nested in another
        }
    }

    private static void copy(JarFile jar, JarEntry entry, Path library) throws IOException {
        Path temporary = Files.createTempFile(library.getParent(), ".lib-", ".tmp");
        try {
            CRC32 crc = new CRC32();
            try (InputStream in = jar.getInputStream(entry);
                 OutputStream out = new CheckedOutputStream(Files.newOutputStream(temporary), crc)) {
                in.transferTo(out);
            }
            if (crc.getValue() != entry.getCrc()) {
                throw new IOException(entry.getName() + " in " + jar.getName() + " does not match its CRC-32");
            }
            Files.setAttribute(temporary, "unix:mode", 0500);
            Files.move(temporary, library, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
        } finally {
            Files.deleteIfExists(temporary);
        }
    }

    /** The cache directory must be the user's alone, and no directory above it may be replaced by others. */
    private static boolean trustedDirectory(Path real) throws IOException {
        if (!ownedAndOwnerWritableOnly(real)) {
            return false;
        }
        for (Path above = real.getParent(); above != null; above = above.getParent()) {
            int mode = (Integer) Files.getAttribute(above, "unix:mode");
            if (!ownedByUserOrRoot(above) || ((mode & GROUP_OR_OTHERS_WRITE) != 0 && (mode & STICKY) == 0)) {
                return false;
            }
        }
        return true;
    }

    private static boolean ownedAndOwnerWritableOnly(Path path) throws IOException {
        int mode = (Integer) Files.getAttribute(path, "unix:mode", LinkOption.NOFOLLOW_LINKS);
        return ownedByUserOrRoot(path) && (mode & GROUP_OR_OTHERS_WRITE) == 0;
    }

    private static boolean ownedByUserOrRoot(Path path) throws IOException {
        int owner = (Integer) Files.getAttribute(path, "unix:uid", LinkOption.NOFOLLOW_LINKS);
        return owner == 0 || owner == new UnixSystem().getUid();
    }

    /** Deletes the temporary files of copies that a killed build left, once nobody can still be writing them. */
    private static void deleteAbandonedCopies(Path directory) throws IOException {
        Instant abandoned = Instant.now().minus(ABANDONED_AFTER);
        try (DirectoryStream<Path> temporaries = Files.newDirectoryStream(directory, ".lib-*.tmp")) {
            for (Path temporary : temporaries) {
                FileTime modified = Files.getLastModifiedTime(temporary, LinkOption.NOFOLLOW_LINKS);
                if (modified.toInstant().isBefore(abandoned)) {
                    Files.deleteIfExists(temporary);
                }
            }
        }
    }

    /** {@code $XDG_CACHE_HOME} when it is an absolute path, as the XDG specification requires, else ~/.cache. */
    private static Path defaultDirectory() {
        String xdg = System.getenv("XDG_CACHE_HOME");
        Path base = xdg != null && Path.of(xdg).isAbsolute() ? Path.of(xdg) : Path.of(System.getProperty("user.home"), ".cache");
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
