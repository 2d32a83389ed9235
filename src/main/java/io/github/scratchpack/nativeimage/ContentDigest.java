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
import java.util.List;
import java.util.stream.Stream;

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
        } else {
            try (InputStream in = Files.newInputStream(path);
                    OutputStream sink = new DigestOutputStream(OutputStream.nullOutputStream(), digest)) {
                in.transferTo(sink);
            }
        }
        return Sha256.format(digest.digest());
    }
}
