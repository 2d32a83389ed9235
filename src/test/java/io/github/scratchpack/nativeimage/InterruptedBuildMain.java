package io.github.scratchpack.nativeimage;

import java.nio.file.Path;
import java.util.List;

/**
 * A JVM that runs a native-image stand-in through {@link NativeImageProcess}, as Maven's JVM does, for
 * {@code NativeImageProcessTest} to stop with a signal: {@code InterruptedBuildMain <native-image> <directory>}.
 */
public final class InterruptedBuildMain {
    private InterruptedBuildMain() {
    }

    public static void main(String[] args) throws Exception {
        System.exit(NativeImageProcess.run(List.of(args[0]), Path.of(args[1]), line -> {
            System.out.println(line);
            System.out.flush();
        }));
    }
}
