package io.github.scratchpack.testing;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.ArrayList;
import java.util.List;

/**
 * zlib-ng built in zlib-compatible mode as a {@code libz.so.1}, the way Fedora 40 and later ship it as their zlib:
 * put first on {@code LD_LIBRARY_PATH} of a JDK that links the system zlib, it changes what the JDK's
 * {@code Deflater} writes. Debian packages no zlib-ng, but carries its source as a component of the
 * {@code node-yarnpkg} source package in unstable and in trixie; it is fetched from there through a private apt
 * configuration (the newest version whose source the mirror still serves, trixie before sid) and built once (about 15 s on 2 cores) into {@code target/zlib-ng}.
 */
public final class ZlibNgLibrary {
    private static final Path DIRECTORY = Path.of("target/zlib-ng").toAbsolutePath();
    private static final List<String> SUITES = List.of("trixie", "sid");
    private static final String ZLIB_NG_TARBALL = "node-yarnpkg_.*\\.orig-zlib-ng\\.tar\\..*";

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
        List<String> tried = new ArrayList<>();
        for (String suite : SUITES) {
            List<String> triedInSuite = new ArrayList<>();
            // Only the zlib-ng component is needed, so a download that missed another file of the package will do.
            boolean downloaded = PrivateApt.suiteSources(work.resolve(suite), suite)
                    .downloadNewestSource("node-yarnpkg", ZLIB_NG_TARBALL, source, triedInSuite).isPresent();
            triedInSuite.forEach(version -> tried.add(version + " (" + suite + ")"));
            if (downloaded) {
                break;
            }
        }
        if (!PrivateApt.has(source, ZLIB_NG_TARBALL)) {
            PrivateApt.noSourceDownloads("node-yarnpkg (its zlib-ng component)", tried);
        }
        Path tree = PrivateApt.unpack(source, ZLIB_NG_TARBALL);
        PrivateApt.run(List.of("sh", "-c", "./configure --zlib-compat && make -j2 \"$(sed -n 's/^SHAREDLIBV=//p' Makefile)\""),
                tree);
        Path built = Files.createDirectories(work.resolve("lib"));
        Files.copy(tree.resolve("libz.so.1"), built.resolve("libz.so.1"), StandardCopyOption.COPY_ATTRIBUTES);
        Files.createDirectories(DIRECTORY);
        Files.move(built, DIRECTORY.resolve("lib"), StandardCopyOption.ATOMIC_MOVE);
        return library.getParent();
    }

}
