package io.github.scratchpack.nativeimage;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;

/**
 * Checks that the musl compiler can link zlib statically, as native-image does with {@code -lz} at the very end of
 * a build. It compiles and links a program of two lines that calls {@code zlibVersion()}, which takes well under a
 * second, instead of letting the build fail minutes later with "libz.a is missing".
 */
public final class MuslZlibCheck {
    private static final String PROGRAM = "extern const char *zlibVersion(void);\n"
            + "int main(void) { return zlibVersion() == 0; }\n";

    private MuslZlibCheck() {
    }

    /**
     * Fails unless {@code <compiler> -static ... -lz} links.
     *
     * @param workDirectory where the test program and its executable are written
     */
    public static void require(MuslCompiler compiler, Path workDirectory) throws NativeImageException, IOException {
        Files.createDirectories(workDirectory);
        Path source = workDirectory.resolve("zlib-check.c");
        Path executable = workDirectory.resolve("zlib-check");
        Files.writeString(source, PROGRAM, StandardCharsets.US_ASCII);
        ShortCommand.Result link = ShortCommand.run(List.of(compiler.path().toString(), "-static", "-o",
                executable.toString(), source.toString(), "-lz"), Duration.ofSeconds(60));
        if (link.succeeded()) {
            return;
        }
        String compilerName = compiler.path().getFileName().toString();
        throw new NativeImageException("The musl compiler " + compiler.path() + " cannot link zlib statically (-lz),"
                + " and native-image links every static executable with it. The linker said: "
                + lastLines(link.output()) + ". Build zlib with this compiler and install it where the compiler finds"
                + " its libraries: in zlib's source (apt-get source zlib, or a zlib release), run CC=" + compilerName
                + " ./configure --static --prefix=<toolchain directory> && make && make install (for the compiler of"
                + " Debian's or Ubuntu's musl-tools: --prefix=/usr --libdir=/usr/lib/x86_64-linux-musl"
                + " --includedir=/usr/include/x86_64-linux-musl).");
    }

    private static String lastLines(String output) {
        List<String> lines = output.strip().lines().filter(line -> !line.isBlank()).toList();
        return String.join(" / ", lines.subList(Math.max(0, lines.size() - 2), lines.size()));
    }
}
