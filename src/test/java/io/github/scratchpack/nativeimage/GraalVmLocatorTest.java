package io.github.scratchpack.nativeimage;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The order in which GraalVM is looked for, with a fake GraalVM home for each place. */
class GraalVmLocatorTest {
    @TempDir
    Path directory;

    private Path toolchain;
    private Path parameter;
    private Path variable;
    private Path javaHome;
    private Path onPath;
    private Map<String, String> environment;

    private static Path home(Path home) throws IOException {
        Files.createDirectories(home.resolve("bin"));
        Path launcher = Files.writeString(home.resolve("bin/native-image"), "#!/bin/sh\n");
        launcher.toFile().setExecutable(true);
        Files.writeString(home.resolve("release"), "JAVA_VERSION=\"21\"\n");
        return home;
    }

    @BeforeEach
    void setUp() throws IOException {
        toolchain = home(directory.resolve("toolchain"));
        parameter = home(directory.resolve("parameter"));
        variable = home(directory.resolve("variable"));
        javaHome = home(directory.resolve("java-home"));
        onPath = home(directory.resolve("on-path"));
        environment = new HashMap<>(Map.of("GRAALVM_HOME", variable.toString(), "JAVA_HOME", javaHome.toString(),
                "PATH", directory.resolve("empty") + ":" + onPath.resolve("bin")));
    }

    private GraalVmInstallation locate(Path toolchainLauncher, Path graalvmHome) throws NativeImageException {
        return GraalVmLocator.locate(toolchainLauncher, graalvmHome, environment).orElseThrow();
    }

    @Test
    void triesToolchainThenParameterThenGraalvmHomeThenJavaHomeThenPath() throws Exception {
        assertEquals(new GraalVmInstallation(toolchain, toolchain.resolve("bin/native-image"), GraalVmSource.TOOLCHAIN),
                locate(toolchain.resolve("bin/native-image"), parameter));
        assertEquals(new GraalVmInstallation(parameter, parameter.resolve("bin/native-image"), GraalVmSource.GRAALVM_HOME_PARAMETER),
                locate(null, parameter));
        assertEquals(new GraalVmInstallation(variable, variable.resolve("bin/native-image"), GraalVmSource.GRAALVM_HOME),
                locate(null, null));
        environment.put("GRAALVM_HOME", " ");
        assertEquals(GraalVmSource.JAVA_HOME, locate(null, null).source());
        environment.remove("JAVA_HOME");
        GraalVmInstallation fromPath = locate(null, null);
        assertEquals(GraalVmSource.PATH, fromPath.source());
        assertEquals(onPath, fromPath.home());
        environment.remove("PATH");
        assertEquals(Optional.empty(), GraalVmLocator.locate(null, null, environment));
    }

    @Test
    void toolchainAndJavaHomeWithoutNativeImageArePassedOver() throws Exception {
        Files.delete(javaHome.resolve("bin/native-image"));
        environment.remove("GRAALVM_HOME");
        assertEquals(GraalVmSource.PATH, locate(directory.resolve("plain-jdk/bin/native-image"), null).source());
    }

    @Test
    void graalvmHomeWithoutNativeImageIsAnErrorNotSkipped() {
        environment.put("GRAALVM_HOME", directory.resolve("not-graalvm").toString());
        NativeImageException failure = assertThrows(NativeImageException.class, () -> locate(null, null));
        assertTrue(failure.getMessage().startsWith("GRAALVM_HOME is " + directory.resolve("not-graalvm")), failure.getMessage());
        assertTrue(failure.getMessage().contains("bin/native-image"), failure.getMessage());

        NativeImageException parameterFailure = assertThrows(NativeImageException.class,
                () -> locate(null, directory.resolve("nowhere")));
        assertTrue(parameterFailure.getMessage().startsWith("graalvmHome (scratchpack.graalvmHome) is"), parameterFailure.getMessage());
    }

    @Test
    void launcherLinkedOntoPathFindsItsHomeThroughTheReleaseFile() throws Exception {
        Path linkDirectory = Files.createDirectories(directory.resolve("usr-bin"));
        Files.createSymbolicLink(linkDirectory.resolve("native-image"), onPath.resolve("bin/native-image"));
        environment.clear();
        environment.put("PATH", linkDirectory.toString());
        GraalVmInstallation found = locate(null, null);
        assertEquals(onPath, found.home());
        assertEquals(onPath.resolve("lib/static/linux-amd64/musl"), found.muslStaticLibraries());
    }
}
