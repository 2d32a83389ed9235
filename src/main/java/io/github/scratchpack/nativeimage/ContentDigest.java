package io.github.scratchpack.nativeimage;

import io.github.scratchpack.image.Sha256;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.DigestOutputStream;
import java.security.MessageDigest;
import java.util.ArrayList;
import java.util.List;
import java.util.TreeMap;
import java.util.stream.Stream;
import java.util.zip.ZipEntry;
import java.util.zip.ZipException;
import java.util.zip.ZipInputStream;

/** SHA-256 digests of what files hold, for telling whether the inputs of a build changed. */
public final class ContentDigest {
    private ContentDigest() {
    }

    /**
     * The digest of a file's bytes, or of a directory's files: each regular file's path relative to the directory
     * and its bytes, in path order, so that adding, removing, renaming or editing a file changes the digest and
     * timestamps do not.
     */
    public static String of(Path path) throws IOException {
        MessageDigest digest = Sha256.newDigest();
        if (Files.isDirectory(path)) {
            List<Path> files;
            try (Stream<Path> walk = Files.walk(path)) {
                files = walk.filter(Files::isRegularFile).sorted().toList();
            }
            for (Path file : files) {
                digest.update(path.relativize(file).toString().getBytes(StandardCharsets.UTF_8));
                digest.update((byte) 0);
                digest.update(Sha256.hex(of(file)).getBytes(StandardCharsets.US_ASCII));
            }
            return Sha256.format(digest.digest());
        }
        return Sha256.ofFile(path);
    }

    /**
     * The digest of a classpath entry: for a jar, of its entries' names and contents in name order, so that a jar
     * rebuilt from unchanged classes with new entry timestamps (a build without
     * {@code project.build.outputTimestamp}) keeps its digest; for anything else, as {@link #of(Path)}.
     */
    public static String ofClasspathEntry(Path entry) throws IOException {
        if (!Files.isRegularFile(entry) || !isZip(entry)) {
            return of(entry);
        }
        TreeMap<String, List<String>> contents = new TreeMap<>();
        try (ZipInputStream zip = new ZipInputStream(Files.newInputStream(entry))) {
            for (ZipEntry zipEntry = zip.getNextEntry(); zipEntry != null; zipEntry = zip.getNextEntry()) {
                MessageDigest digest = Sha256.newDigest();
                zip.transferTo(new DigestOutputStream(OutputStream.nullOutputStream(), digest));
                contents.computeIfAbsent(zipEntry.getName(), name -> new ArrayList<>()).add(Sha256.format(digest.digest()));
            }
        } catch (ZipException e) {
            return of(entry);
        }
        MessageDigest digest = Sha256.newDigest();
        contents.forEach((name, digests) -> digests.forEach(entryDigest -> {
            digest.update(name.getBytes(StandardCharsets.UTF_8));
            digest.update((byte) 0);
            digest.update(entryDigest.getBytes(StandardCharsets.US_ASCII));
        }));
        return Sha256.format(digest.digest());
    }

    private static boolean isZip(Path file) throws IOException {
        byte[] magic = new byte[4];
        try (InputStream in = Files.newInputStream(file)) {
            return in.readNBytes(magic, 0, 4) == 4 && magic[0] == 'P' && magic[1] == 'K' && magic[2] == 3 && magic[3] == 4;
        }
    }
}
