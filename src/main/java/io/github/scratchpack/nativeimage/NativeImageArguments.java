package io.github.scratchpack.nativeimage;

import java.io.File;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Collectors;

/**
 * The arguments native-image gets for a request. The plugin's own come first and always include
 * {@code --static --libc=musl --no-fallback --install-exit-handlers -o <output>}; the user's {@code buildArgs}
 * follow, so that they can add to them; the main class is last. {@code --install-exit-handlers} because the
 * executable runs as PID 1 of its container, where a process without a SIGTERM handler is not stopped by SIGTERM:
 * the engine waits out its stop timeout and kills it, and shutdown hooks never run.
 */
public final class NativeImageArguments {
    private NativeImageArguments() {
    }

    /** The options for the JVM that runs the builder ({@code -J...}). */
    public static List<String> builderOptions(NativeImageRequest request) {
        return request.builderMemory() == null ? List.of() : List.of("-J-Xmx" + request.builderMemory());
    }

    /**
     * The image options, everything but the builder options and the main class.
     *
     * @param compiler the musl compiler to pass with {@code --native-compiler-path}, or {@code null} to let
     *                 native-image find {@code x86_64-linux-musl-gcc} itself (as in a builder image)
     */
    public static List<String> imageOptions(NativeImageRequest request, Path compiler) {
        List<String> options = new ArrayList<>(List.of("--static", "--libc=musl", "--no-fallback",
                "-march=" + request.march(), "--install-exit-handlers"));
        if (!request.configurationDirectories().isEmpty()) {
            options.add("-H:ConfigurationFileDirectories=" + request.configurationDirectories().stream().map(Path::toString)
                    .collect(Collectors.joining(",")));
        }
        if (request.quickBuild()) {
            options.add("-Ob");
        }
        if (compiler != null) {
            options.add("--native-compiler-path=" + compiler);
        }
        options.add("-o");
        options.add(request.output().toString());
        options.add("-cp");
        options.add(request.classpath().stream().map(Path::toString).collect(Collectors.joining(File.pathSeparator)));
        options.addAll(request.buildArgs());
        return options;
    }
}
