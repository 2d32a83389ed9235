package io.github.scratchpack.testing;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** Compiles the test servers ({@code src/test/c/}) into real executables for end-to-end tests. */
public final class StaticBinaries {
    private static final Path SOURCE = Path.of("src/test/c/http-server.c").toAbsolutePath();
    private static final Path SMOKE_SERVER = Path.of("src/test/c/smoke-server.c").toAbsolutePath();

    private StaticBinaries() {
    }

    /** A statically linked build of the server, made with {@code musl-gcc -static}. */
    public static Path staticServer(Path directory, String name) throws IOException, InterruptedException {
        Path compiler = ExternalTool.require("musl-gcc");
        Path output = directory.resolve(name);
        ExternalTool.check(List.of(compiler.toString(), "-static", "-O2", "-o", output.toString(), SOURCE.toString()));
        return output;
    }

    /**
     * A static build of the smoke test's test service ({@code src/test/c/smoke-server.c}), with the compile-time
     * options that choose its misbehaviour, such as {@code -DEXIT_AT_START=3}.
     */
    public static Path smokeServer(Path directory, String name, String... options) throws IOException, InterruptedException {
        Path compiler = ExternalTool.require("musl-gcc");
        Path output = directory.resolve(name);
        List<String> command = new ArrayList<>(List.of(compiler.toString(), "-static", "-O2", "-Wall", "-Werror"));
        command.addAll(List.of(options));
        command.addAll(List.of("-o", output.toString(), SMOKE_SERVER.toString()));
        ExternalTool.check(command);
        return output;
    }

    /**
     * A static position-independent build of the server ({@code ET_DYN} with {@code DF_1_PIE}, no interpreter). The
     * {@code musl-gcc} wrapper's specs drop {@code -static-pie}, giving a dynamic PIE, so the link is spelled out:
     * musl's self-relocating {@code rcrt1.o} and the linker options that gcc's own specs give {@code -static-pie}.
     */
    public static Path staticPieServer(Path directory, String name) throws IOException, InterruptedException {
        Path compiler = ExternalTool.require("musl-gcc");
        Path musl = muslLibraryDirectory(compiler);
        String gcc = ExternalTool.require("gcc").toString();
        Path output = directory.resolve(name);
        ExternalTool.check(List.of(compiler.toString(), "-fPIE", "-O2", "-nostartfiles", "-static-pie", "-Wl,-static",
                "-Wl,-pie", "-Wl,--no-dynamic-linker", "-Wl,-z,text", musl.resolve("rcrt1.o").toString(),
                musl.resolve("crti.o").toString(), gccFile(gcc, "crtbeginS.o"), SOURCE.toString(),
                gccFile(gcc, "crtendS.o"), musl.resolve("crtn.o").toString(), "-o", output.toString()));
        return output;
    }

    /** A shared library without an entry point or libraries, made with {@code gcc -shared -nostdlib}. */
    public static Path sharedLibrary(Path directory, String name) throws IOException, InterruptedException {
        Path compiler = ExternalTool.require("gcc");
        Path source = Files.writeString(directory.resolve(name + ".c"), "int answer(void) { return 42; }\n");
        Path output = directory.resolve(name);
        ExternalTool.check(List.of(compiler.toString(), "-shared", "-nostdlib", "-fPIC", "-o", output.toString(),
                source.toString()));
        return output;
    }

    /** The directory of musl's start files: that of the specs file the musl-gcc wrapper script passes to gcc. */
    private static Path muslLibraryDirectory(Path wrapper) throws IOException {
        Matcher specs = Pattern.compile("-specs\\s+\"?([^\"\\s]+)").matcher(Files.readString(wrapper));
        if (!specs.find()) {
            throw new IOException(wrapper + " names no -specs file, so musl's rcrt1.o cannot be found");
        }
        return Path.of(specs.group(1)).getParent();
    }

    private static String gccFile(String gcc, String name) throws IOException, InterruptedException {
        return ExternalTool.check(List.of(gcc, "-print-file-name=" + name)).trim();
    }

    /** A dynamically linked build of the server, made with the host's {@code gcc}. */
    public static Path dynamicServer(Path directory, String name) throws IOException, InterruptedException {
        Path compiler = ExternalTool.require("gcc");
        Path output = directory.resolve(name);
        ExternalTool.check(List.of(compiler.toString(), "-O2", "-o", output.toString(), SOURCE.toString()));
        return output;
    }
}
