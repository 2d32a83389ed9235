package io.github.scratchpack.testing;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.List;

/**
 * zlib-ng built in zlib-compatible mode as a {@code libz.so.1}, the way Fedora 40 and later ship it as their zlib:
 * put first on {@code LD_LIBRARY_PATH} of a JDK that links the system zlib, it changes what the JDK's
 * {@code Deflater} writes. Debian packages no zlib-ng, but carries its source as a component of the
 * {@code node-yarnpkg} source package in unstable; it is fetched from there through a private apt configuration
 * and built once (about 15 s on 2 cores) into {@code target/zlib-ng}.
 */
public final class ZlibNgLibrary {
    private static final Path DIRECTORY = Path.of("target/zlib-ng").toAbsolutePath();

    private ZlibNgLibrary() {
    }

    /** The directory holding {@code libz.so.1} from zlib-ng, built on first use. */
    public static synchronized Path directory() throws IOException, InterruptedException {
        Path library = DIRECTORY.resolve("lib/libz.so.1");
        if (Files.isRegularFile(library)) {
            return library.getParent();
        }
        ExternalTool.require("make");
        ExternalTool.require("cc");
        Path work = Files.createTempDirectory(Files.createDirectories(DIRECTORY.getParent()), "zlib-ng-");
        Path source = Files.createDirectories(work.resolve("source"));
        PrivateApt.suiteSources(work, "sid").downloadSource("node-yarnpkg", source);
        Path tree = PrivateApt.unpack(source, "node-yarnpkg_.*\\.orig-zlib-ng\\.tar\\..*");
        PrivateApt.run(List.of("sh", "-c", "./configure --zlib-compat && make -j2 \"$(sed -n 's/^SHAREDLIBV=//p' Makefile)\""),
                tree);
        Path built = Files.createDirectories(work.resolve("lib"));
        Files.copy(tree.resolve("libz.so.1"), built.resolve("libz.so.1"), StandardCopyOption.COPY_ATTRIBUTES);
        Files.createDirectories(DIRECTORY);
        Files.move(built, DIRECTORY.resolve("lib"), StandardCopyOption.ATOMIC_MOVE);
        return library.getParent();
    }
}
