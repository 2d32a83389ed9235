package io.github.scratchpack.nativeimage;

import static org.junit.jupiter.api.Assertions.assertDoesNotThrow;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.junit.jupiter.api.Test;

/** Which {@code native-image --version} outputs are accepted, in the formats GraalVM and Mandrel print. */
class GraalVmVersionTest {
    @ParameterizedTest
    @ValueSource(strings = {
        "native-image 17.0.7 2023-04-18\nGraalVM Runtime Environment GraalVM CE 17.0.7+7.1 (build 17.0.7+7-jvmci-23.0-b12)\n",
        "native-image 21.0.2 2024-01-16\nGraalVM Runtime Environment GraalVM CE 21.0.2+13.1 (build 21.0.2+13-jvmci-23.1-b30)\n",
        "native-image 25.0.1 2025-10-21\nGraalVM Runtime Environment GraalVM CE 25.0.1+8.1 (build 25.0.1+8-jvmci-b01)\n",
        "native-image 23.1.2.0-Final Mandrel Distribution (Java Version 21.0.2+13)\n",
        "Trying to pull ghcr.io/graalvm/native-image-community:25-muslib...\nnative-image 25.0.1 2025-10-21\n"})
    void acceptsGraalvmForJdk17AndNewer(String output) {
        assertDoesNotThrow(() -> new GraalVmVersion(output).requireStaticMuslSupport("here"));
    }

    @ParameterizedTest
    @ValueSource(strings = {
        "GraalVM 22.3.0 Java 17 CE (Java Version 17.0.5+8-jvmci-22.3-b08)\n",
        "GraalVM 21.3.1 Java 11 CE (Java Version 11.0.14+9-jvmci-21.3-b09)\n",
        "native-image 22.3.3.1-Final Mandrel Distribution (Java Version 17.0.8+7)\n",
        "native-image 11.0.20 2023-07-18\n"})
    void refusesOlderOnesNamingTheVersionNeeded(String output) {
        NativeImageException failure = assertThrows(NativeImageException.class,
                () -> new GraalVmVersion(output).requireStaticMuslSupport("/opt/graalvm (from GRAALVM_HOME)"));
        assertTrue(failure.getMessage().startsWith("/opt/graalvm (from GRAALVM_HOME) is too old"), failure.getMessage());
        assertTrue(failure.getMessage().contains(GraalVmVersion.REQUIRED), failure.getMessage());
    }

    @Test
    void refusesWhatIsNoVersion() {
        NativeImageException failure = assertThrows(NativeImageException.class,
                () -> new GraalVmVersion("sh: 1: native-image: not found\n").requireStaticMuslSupport("X"));
        assertTrue(failure.getMessage().startsWith("Cannot tell which GraalVM X is"), failure.getMessage());
    }

    @Test
    void versionLineIsTheOneThatNamesNativeImage() {
        assertEquals("native-image 25.0.1 2025-10-21",
                new GraalVmVersion("Trying to pull x...\nnative-image 25.0.1 2025-10-21\nGraalVM Runtime...\n").firstLine());
    }
}
