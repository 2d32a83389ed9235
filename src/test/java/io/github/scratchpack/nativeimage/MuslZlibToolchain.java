package io.github.scratchpack.nativeimage;

import java.io.File;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Optional;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Assertions;

/**
 * The musl toolchain that can link zlib which the GraalVM kit ({@code ../shared/graalvm/assemble.sh}) built, laid out as
 * GraalVM's static-image guide lays one out: {@code bin/x86_64-linux-musl-gcc}, with {@code lib/libz.a} built for musl
 * beside it. Nothing is built or downloaded here: {@code .ci/graalvm-kit.sh} names the kit's directory in
 * {@code SCRATCHPACK_MUSL_TOOLCHAIN}; without it, the directory above an {@code x86_64-linux-musl-gcc} on PATH that has
 * {@code lib/libz.a} is taken. It is linked at {@code target/musl-zlib-toolchain}, where the test projects name it.
 * Without one, the test skips, or fails under {@code CI=true}.
 */
public final class MuslZlibToolchain {
    private static final Path LINK = Path.of("target/musl-zlib-toolchain").toAbsolutePath();
    private static final String COMPILER = "bin/x86_64-linux-musl-gcc";

    private MuslZlibToolchain() {
    }

    /** The toolchain's compiler, {@code target/musl-zlib-toolchain/bin/x86_64-linux-musl-gcc}. */
    public static synchronized Path compiler() throws IOException {
        Path compiler = LINK.resolve(COMPILER);
        if (Files.isExecutable(compiler) && Files.isRegularFile(LINK.resolve("lib/libz.a"))) {
            return compiler;
        }
        Path toolchain = kitToolchain().orElseGet(MuslZlibToolchain::missing);
        Files.createDirectories(LINK.getParent());
        Files.deleteIfExists(LINK);
        Files.createSymbolicLink(LINK, toolchain.toAbsolutePath());
        return compiler;
    }

    private static Optional<Path> kitToolchain() {
        String named = System.getenv("SCRATCHPACK_MUSL_TOOLCHAIN");
        if (named != null && !named.isBlank()) {
            Path directory = Path.of(named);
            if (!complete(directory)) {
                Assertions.fail("SCRATCHPACK_MUSL_TOOLCHAIN=" + named + " has no " + COMPILER + " or lib/libz.a;"
                        + " assemble the GraalVM kit again (. .ci/graalvm-kit.sh)");
            }
            return Optional.of(directory);
        }
        for (String entry : System.getenv().getOrDefault("PATH", "").split(File.pathSeparator)) {
            Path directory = Path.of(entry.isEmpty() ? "." : entry).toAbsolutePath().getParent();
            if (directory != null && complete(directory)) {
                return Optional.of(directory);
            }
        }
        return Optional.empty();
    }

    private static boolean complete(Path directory) {
        return Files.isExecutable(directory.resolve(COMPILER)) && Files.isRegularFile(directory.resolve("lib/libz.a"));
    }

    private static Path missing() {
        String message = "No musl toolchain with zlib: source .ci/graalvm-kit.sh (it assembles the GraalVM kit and"
                + " sets SCRATCHPACK_MUSL_TOOLCHAIN), or put an x86_64-linux-musl-gcc whose ../lib holds libz.a on PATH";
        if ("true".equalsIgnoreCase(System.getenv("CI"))) {
            Assertions.fail(message + " - CI=true, so this test fails instead of skipping");
        }
        Assumptions.abort(message);
        return null;
    }
}
