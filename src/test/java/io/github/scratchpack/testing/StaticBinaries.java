package io.github.scratchpack.testing;

import java.io.IOException;
import java.nio.file.Path;
import java.util.List;

/** Compiles the test HTTP server ({@code src/test/c/http-server.c}) into real executables for end-to-end tests. */
public final class StaticBinaries {
    private static final Path SOURCE = Path.of("src/test/c/http-server.c").toAbsolutePath();

    private StaticBinaries() {
    }

    /** A statically linked build of the server, made with {@code musl-gcc -static}. */
    public static Path staticServer(Path directory, String name) throws IOException, InterruptedException {
        Path compiler = ExternalTool.require("musl-gcc");
        Path output = directory.resolve(name);
        ExternalTool.check(List.of(compiler.toString(), "-static", "-O2", "-o", output.toString(), SOURCE.toString()));
        return output;
    }

    /** A dynamically linked build of the server, made with the host's {@code gcc}. */
    public static Path dynamicServer(Path directory, String name) throws IOException, InterruptedException {
        Path compiler = ExternalTool.require("gcc");
        Path output = directory.resolve(name);
        ExternalTool.check(List.of(compiler.toString(), "-O2", "-o", output.toString(), SOURCE.toString()));
        return output;
    }
}
