package io.github.scratchpack.nativeimage;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** native-image's output reaches the log while it runs, and exit codes turn into messages. */
class NativeImageProcessTest {
    @TempDir
    Path directory;

    private record Line(long atMillis, String text) {
    }

    @Test
    void stageLinesArriveWhileTheBuildRuns() throws Exception {
        StandInGraalVm graalvm = StandInGraalVm.create(directory.resolve("graalvm")).configure("STANDIN_DELAY=0.3");
        List<Line> lines = new ArrayList<>();
        long start = System.nanoTime();
        int exitCode = NativeImageProcess.run(List.of(graalvm.home().resolve("bin/native-image").toString(), "-o",
                directory.resolve("app").toString(), "Main"), directory, text -> lines.add(new Line((System.nanoTime() - start) / 1_000_000, text)));
        long end = (System.nanoTime() - start) / 1_000_000;

        assertEquals(0, exitCode);
        Line first = lines.stream().filter(line -> line.text().startsWith("[1/8] Initializing...")).findFirst().orElseThrow();
        Line last = lines.stream().filter(line -> line.text().startsWith("[8/8] Creating image...")).findFirst().orElseThrow();
        assertTrue(end - first.atMillis() >= 1500, "[1/8] reached the log " + (end - first.atMillis()) + " ms before the end");
        assertTrue(last.atMillis() - first.atMillis() >= 1500, "the stage lines came together, not one by one");
    }

    @Test
    void killedBuildExitsWith137AndTheMessageNamesBuilderMemory() throws Exception {
        StandInGraalVm graalvm = StandInGraalVm.create(directory.resolve("graalvm")).configure("STANDIN_DELAY=0", "STANDIN_FAILURE=oom");
        int exitCode = NativeImageProcess.run(List.of(graalvm.home().resolve("bin/native-image").toString(), "-o",
                directory.resolve("app").toString(), "Main"), directory, line -> { });
        assertEquals(NativeImageProcess.KILLED, exitCode);

        NativeImageOutput output = new NativeImageOutput(line -> { }, directory.resolve("native-image.log"));
        output.accept("Error: Main entry point class 'Main' neither found on the classpath nor on the modulepath.");
        output.close();
        NativeImageException unset = assertThrows(NativeImageException.class, () -> NativeImageProcess.requireSuccess(137, null, output));
        assertTrue(unset.getMessage().contains("ran out of memory"), unset.getMessage());
        assertTrue(unset.getMessage().contains("Set builderMemory (-Dscratchpack.builderMemory)"), unset.getMessage());
        NativeImageException set = assertThrows(NativeImageException.class, () -> NativeImageProcess.requireSuccess(137, "14g", output));
        assertTrue(set.getMessage().contains("builderMemory is 14g"), set.getMessage());
        NativeImageException other = assertThrows(NativeImageException.class, () -> NativeImageProcess.requireSuccess(1, null, output));
        assertEquals(String.join(System.lineSeparator(), "native-image failed with exit code 1. It said:",
                "  Error: Main entry point class 'Main' neither found on the classpath nor on the modulepath.",
                "All it printed is in " + directory.resolve("native-image.log") + "."), other.getMessage());
    }

    /** SIGINT to the JVM, as Ctrl-C or an IDE's stop sends it, while the driver waits for the builder JVM it started. */
    @Test
    void aSigintToTheJvmLeavesNoProcessOfTheBuildBehind() throws Exception {
        Path driver = directory.resolve("native-image");
        Files.writeString(driver, "#!/bin/sh\nsleep 600 &\necho \"builder $!\"\nwait\n");
        driver.toFile().setExecutable(true);
        Process jvm = new ProcessBuilder(Path.of(System.getProperty("java.home"), "bin", "java").toString(), "-cp",
                System.getProperty("java.class.path"), InterruptedBuildMain.class.getName(), driver.toString(),
                directory.toString()).redirectErrorStream(true).start();
        long builder;
        try (BufferedReader output = new BufferedReader(new InputStreamReader(jvm.getInputStream(), StandardCharsets.UTF_8))) {
            String line = output.readLine();
            assertTrue(line != null && line.startsWith("builder "), String.valueOf(line));
            builder = Long.parseLong(line.substring("builder ".length()));
            assertTrue(ProcessHandle.of(builder).map(ProcessHandle::isAlive).orElse(false));

            assertEquals(0, new ProcessBuilder("kill", "-INT", Long.toString(jvm.pid())).start().waitFor());
            assertTrue(jvm.waitFor(30, TimeUnit.SECONDS), "the JVM did not stop on SIGINT");
        } finally {
            jvm.destroyForcibly();
        }
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
        while (ProcessHandle.of(builder).map(ProcessHandle::isAlive).orElse(false) && System.nanoTime() < deadline) {
            Thread.sleep(100);
        }
        boolean left = ProcessHandle.of(builder).map(ProcessHandle::isAlive).orElse(false);
        ProcessHandle.of(builder).ifPresent(ProcessHandle::destroyForcibly);
        assertFalse(left, "the process the driver started is still running after the JVM stopped");
    }
}
