package io.github.scratchpack.nativeimage;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.List;
import java.util.function.Consumer;

/**
 * Runs native-image (or the container engine that runs it) and hands on each line of its output as soon as it is
 * printed, so that the stage lines {@code [1/8] Initializing...} to {@code [8/8] Creating image...} show while the
 * build runs rather than when it ends.
 */
public final class NativeImageProcess {
    /** The exit code of a process killed with SIGKILL, as the Linux out-of-memory killer does. */
    public static final int KILLED = 137;

    private NativeImageProcess() {
    }

    /**
     * Runs a command to its end.
     *
     * @param workingDirectory where it runs (native-image writes its error reports there)
     * @param lines            receives every line of stdout and stderr, merged, as it comes
     * @return the exit code
     */
    public static int run(List<String> command, Path workingDirectory, Consumer<String> lines) throws IOException {
        Process process = new ProcessBuilder(command).directory(workingDirectory.toFile()).redirectErrorStream(true).start();
        // Maven stopped by SIGINT or SIGTERM (Ctrl-C, an IDE's stop) runs shutdown hooks, not this method's finally
        Thread stopBuild = new Thread(() -> stopWithDescendants(process), "scratchpack-native-image-stop");
        Runtime.getRuntime().addShutdownHook(stopBuild);
        try (BufferedReader output = new BufferedReader(new InputStreamReader(process.getInputStream(), StandardCharsets.UTF_8))) {
            for (String line = output.readLine(); line != null; line = output.readLine()) {
                lines.accept(line);
            }
            return process.waitFor();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IOException("Interrupted while native-image was running", e);
        } finally {
            stopWithDescendants(process);
            try {
                Runtime.getRuntime().removeShutdownHook(stopBuild);
            } catch (IllegalStateException e) {
                // the JVM is shutting down, and the hook runs
            }
        }
    }

    /**
     * Kills a process that is still running and every process it started: the native-image driver starts the builder
     * JVM, which would otherwise go on, with gigabytes and every core, after the driver is gone.
     */
    static void stopWithDescendants(Process process) {
        List<ProcessHandle> descendants = process.descendants().toList();
        descendants.forEach(ProcessHandle::destroyForcibly);
        if (process.isAlive()) {
            process.destroyForcibly();
        }
    }

    /**
     * Fails when native-image did not succeed, with the cause the exit code tells.
     *
     * @param builderMemory the {@code builderMemory} setting, or {@code null}
     * @param output        what native-image printed
     */
    public static void requireSuccess(int exitCode, String builderMemory, NativeImageOutput output)
            throws NativeImageException {
        if (exitCode == KILLED) {
            throw new NativeImageException("native-image was killed (exit code 137), which almost always means that the"
                    + " machine or container ran out of memory. " + (builderMemory == null
                            ? "Set builderMemory (-Dscratchpack.builderMemory) to a heap the machine can give the builder,"
                                    + " such as 6g, leaving memory for the rest of the system."
                            : "builderMemory is " + builderMemory + ": set builderMemory (-Dscratchpack.builderMemory) to"
                                    + " what the machine can really give the builder, or give the machine more memory."));
        }
        if (exitCode != 0) {
            throw new NativeImageException("native-image failed with exit code " + exitCode + ". It said:"
                    + System.lineSeparator() + "  " + String.join(System.lineSeparator() + "  ", output.failureReasons())
                    + System.lineSeparator() + "All it printed is in " + output.file() + ".");
        }
    }
}
