package io.github.scratchpack.nativeimage;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
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
}
