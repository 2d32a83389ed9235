package io.github.scratchpack.nativeimage;

import io.github.scratchpack.testing.ExternalTool;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;

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
        Path aptGet = ExternalTool.require("apt-get");
        ExternalTool.require("make");
        Path work = Files.createTempDirectory(Files.createDirectories(DIRECTORY.getParent()), "musl-zlib-");
        List<String> apt = privateAptCommand(aptGet, work);
        run(concat(apt, List.of("update")), work);
        Path source = Files.createDirectories(work.resolve("source"));
        run(concat(apt, List.of("source", "--download-only", "zlib")), source);
        Path tarball;
        try (Stream<Path> files = Files.list(source)) {
            tarball = files.filter(file -> file.getFileName().toString().matches("zlib_.*\\.orig\\.tar\\..*"))
                    .findFirst().orElseThrow(() -> new IOException("apt-get source zlib left no .orig tarball in " + source));
        }
        run(List.of("tar", "-xf", tarball.toString()), source);
        Path tree;
        try (Stream<Path> files = Files.list(source)) {
            tree = files.filter(Files::isDirectory).findFirst().orElseThrow();
        }
        Path prefix = Files.createDirectories(work.resolve("toolchain"));
        run(List.of("sh", "-c", "CC=" + muslGcc + " ./configure --static --prefix=" + prefix + " && make -j2 libz.a && make install"),
                tree);
        Files.createDirectories(prefix.resolve("bin"));
        Files.writeString(prefix.resolve("bin/x86_64-linux-musl-gcc"),
                "#!/bin/sh\nexec " + muslGcc + " \"$@\" -L" + DIRECTORY.resolve("lib") + "\n", StandardCharsets.UTF_8);
        prefix.resolve("bin/x86_64-linux-musl-gcc").toFile().setExecutable(true);
        Files.move(prefix, DIRECTORY);
        return compiler;
    }

    /** apt-get with its own sources (deb-src copies of the machine's deb entries), lists and cache under {@code work}. */
    private static List<String> privateAptCommand(Path aptGet, Path work) throws IOException {
        Path parts = Files.createDirectories(work.resolve("apt/sources.list.d"));
        Files.createDirectories(work.resolve("apt/lists/partial"));
        Files.createDirectories(work.resolve("apt/cache/archives/partial"));
        Path list = work.resolve("apt/sources.list");
        Path system = Path.of("/etc/apt/sources.list");
        Files.writeString(list, Files.exists(system) ? debSrc(Files.readString(system)) : "", StandardCharsets.UTF_8);
        Path systemParts = Path.of("/etc/apt/sources.list.d");
        if (Files.isDirectory(systemParts)) {
            try (Stream<Path> files = Files.list(systemParts)) {
                for (Path file : files.filter(f -> f.toString().endsWith(".list") || f.toString().endsWith(".sources")).toList()) {
                    Files.writeString(parts.resolve(file.getFileName()), debSrc(Files.readString(file)), StandardCharsets.UTF_8);
                }
            }
        }
        return List.of(aptGet.toString(), "-q", "-o", "Dir::Etc::SourceList=" + list, "-o", "Dir::Etc::SourceParts=" + parts,
                "-o", "Dir::State::Lists=" + work.resolve("apt/lists"), "-o", "Dir::Cache=" + work.resolve("apt/cache"));
    }

    /** Turns {@code deb} entries into {@code deb-src} ones, in both the one-line and the deb822 formats. */
    private static String debSrc(String sources) {
        StringBuilder out = new StringBuilder();
        for (String line : sources.split("\n", -1)) {
            out.append(line.replaceFirst("^deb\\s", "deb-src ").replaceFirst("^Types:\\s*deb\\s*$", "Types: deb-src")).append('\n');
        }
        return out.toString();
    }

    private static void run(List<String> command, Path directory) throws IOException, InterruptedException {
        List<String> inDirectory = List.of("sh", "-c", "cd \"$0\" && exec \"$@\"", directory.toString());
        ExternalTool.run(Duration.ofMinutes(5), concat(inDirectory, command)).checked(command);
    }

    private static List<String> concat(List<String> first, List<String> second) {
        List<String> all = new ArrayList<>(first);
        all.addAll(second);
        return all;
    }
}
