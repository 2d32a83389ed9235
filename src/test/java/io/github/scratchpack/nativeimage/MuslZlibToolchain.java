package io.github.scratchpack.nativeimage;

import io.github.scratchpack.testing.ExternalTool;
import io.github.scratchpack.testing.PrivateApt;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

/**
 * A musl toolchain that can link zlib, laid out as GraalVM's static-image guide lays one out: {@code bin/} holds
 * {@code x86_64-linux-musl-gcc}, and zlib, built with that compiler, is installed beside it. The compiler is Debian's
 * {@code musl-gcc} (from {@code musl-tools}) behind a two-line wrapper that adds this directory's {@code lib}; zlib
 * is built from Debian's zlib source, fetched with {@code apt-get source} through a private apt configuration whose
 * only entries are {@code deb-src} copies of the machine's own {@code deb} entries, so the machine's apt setup is
 * left as it was. It is built once into {@code target/musl-zlib-toolchain} and reused.
 */
public final class MuslZlibToolchain {
    private static final Path DIRECTORY = Path.of("target/musl-zlib-toolchain").toAbsolutePath();

    private MuslZlibToolchain() {
    }

    /** The toolchain's compiler, {@code target/musl-zlib-toolchain/bin/x86_64-linux-musl-gcc}, built on first use. */
    public static synchronized Path compiler() throws IOException, InterruptedException {
        Path compiler = DIRECTORY.resolve("bin/x86_64-linux-musl-gcc");
        if (Files.isRegularFile(DIRECTORY.resolve("lib/libz.a")) && Files.isExecutable(compiler)) {
            return compiler;
        }
        Path muslGcc = ExternalTool.require("musl-gcc");
        ExternalTool.require("make");
        Path work = Files.createTempDirectory(Files.createDirectories(DIRECTORY.getParent()), "musl-zlib-");
        Path source = Files.createDirectories(work.resolve("source"));
        PrivateApt.machineSources(work).downloadSource("zlib", source).checked(List.of("apt-get", "source", "zlib"));
        Path tree = PrivateApt.unpack(source, "zlib_.*\\.orig\\.tar\\..*");
        Path prefix = Files.createDirectories(work.resolve("toolchain"));
        PrivateApt.run(List.of("sh", "-c", "CC=" + muslGcc + " ./configure --static --prefix=" + prefix + " && make -j2 libz.a && make install"),
                tree);
        Files.createDirectories(prefix.resolve("bin"));
        Files.writeString(prefix.resolve("bin/x86_64-linux-musl-gcc"),
                "#!/bin/sh\nexec " + muslGcc + " \"$@\" -L" + DIRECTORY.resolve("lib") + "\n", StandardCharsets.UTF_8);
        prefix.resolve("bin/x86_64-linux-musl-gcc").toFile().setExecutable(true);
        Files.move(prefix, DIRECTORY);
        return compiler;
    }
}
