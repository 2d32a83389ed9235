package io.github.scratchpack.smoketest;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.List;
import org.junit.jupiter.api.Test;

class StartupDiagnosisTest {
    @Test
    void namesTheCommonCausesOfAnExitByTheirSignature() {
        assertEquals("The container exited with code 127 before it was ready: the entrypoint, or a program it starts,"
                + " was not found in the image. Check the entrypoint and that the executable is in the image.",
                StartupDiagnosis.exited(127, false, List.of()));
        assertEquals("The container exited with code 126 before it was ready: the entrypoint exists but could not be"
                + " run; it is not executable, or the image's user may not run it.",
                StartupDiagnosis.exited(126, false, List.of()));
        assertEquals("The container exited with code 1 before it was ready: exec format error, the executable is"
                + " built for another architecture than the engine runs. Build it for the engine's architecture.",
                StartupDiagnosis.exited(1, false, List.of("exec /app/server: exec format error")));
        assertEquals("The container exited with code 137 before it was ready: it was killed by the out-of-memory"
                + " killer. Give it more memory or make it use less.", StartupDiagnosis.exited(137, true, List.of()));
        assertEquals("The container exited with code 137 before it was ready: it was killed with SIGKILL.",
                StartupDiagnosis.exited(137, false, List.of()));
        assertEquals("The container exited with code 1 before it was ready: a class or resource is missing from the"
                + " native executable (\"Caused by: java.lang.ClassNotFoundException: com.example.Plugin\"). Add"
                + " reachability metadata for it, or run the native-image agent, and rebuild.",
                StartupDiagnosis.exited(1, false, List.of("Exception in thread \"main\" java.lang.IllegalStateException",
                        "  Caused by: java.lang.ClassNotFoundException: com.example.Plugin")));
    }
}
