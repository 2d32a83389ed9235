package io.github.scratchpack.nativeimage;

import static org.junit.jupiter.api.Assertions.assertDoesNotThrow;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.github.scratchpack.testing.ExternalTool;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The checks that run before native-image, against the real musl toolchain: Debian's musl-tools compiler, which
 * cannot link zlib out of the box, and the same compiler with zlib built for musl beside it.
 */
class PreflightChecksTest {
    @TempDir
    Path directory;

    @Test
    void debianMuslCompilerWithoutZlibIsCaughtInSeconds() throws Exception {
        // musl-gcc, not x86_64-linux-musl-gcc: a GraalVM setup (the real tier's included) may put a musl compiler
        // with zlib first on PATH under that name, and this is about Debian's own, as installed
        Path compiler = ExternalTool.require("musl-gcc");
        long start = System.nanoTime();
        NativeImageException failure = assertThrows(NativeImageException.class,
                () -> MuslZlibCheck.require(new MuslCompiler(compiler, "x86_64-linux-musl-gcc"), directory));
        assertTrue(System.nanoTime() - start < 10_000_000_000L);
        assertTrue(failure.getMessage().startsWith("The musl compiler " + compiler + " cannot link zlib statically (-lz)"),
                failure.getMessage());
        assertTrue(failure.getMessage().contains("cannot find -lz"), failure.getMessage());
        assertTrue(failure.getMessage().contains("./configure --static"), failure.getMessage());
    }

    @Test
    void muslCompilerWithZlibBuiltForMuslPasses() throws Exception {
        Path compiler = MuslZlibToolchain.compiler();
        assertDoesNotThrow(() -> MuslZlibCheck.require(new MuslCompiler(compiler, "x86_64-linux-musl-gcc"), directory));
        assertTrue(Files.isExecutable(directory.resolve("zlib-check")));
        assertTrue(new MuslCompiler(compiler, "x").identity().contains("gcc"));
    }

    @Test
    void staticJdkLibrariesMustBeThere() throws Exception {
        GraalVmInstallation graalvm = new GraalVmInstallation(directory, directory.resolve("bin/native-image"), GraalVmSource.GRAALVM_HOME);
        NativeImageException missing = assertThrows(NativeImageException.class, () -> StaticJdkLibrariesCheck.require(graalvm));
        assertTrue(missing.getMessage().contains(directory.resolve("lib/static/linux-amd64/musl") + " is missing"), missing.getMessage());
        Path libraries = Files.createDirectories(graalvm.muslStaticLibraries());
        assertThrows(NativeImageException.class, () -> StaticJdkLibrariesCheck.require(graalvm));
        Files.writeString(libraries.resolve("libjava.a"), "!<arch>\n");
        assertDoesNotThrow(() -> StaticJdkLibrariesCheck.require(graalvm));
    }

    @Test
    void onlyAmd64LinuxBuildsLocallyAndOnlyAmd64InContainers() {
        assertDoesNotThrow(() -> HostPlatformCheck.require("Linux", "amd64", true));
        assertDoesNotThrow(() -> HostPlatformCheck.require("Mac OS X", "x86_64", false));
        NativeImageException arm = assertThrows(NativeImageException.class, () -> HostPlatformCheck.require("Linux", "aarch64", true));
        assertTrue(arm.getMessage().contains("on linux/amd64 only"), arm.getMessage());
        NativeImageException mac = assertThrows(NativeImageException.class, () -> HostPlatformCheck.require("Mac OS X", "x86_64", true));
        assertTrue(mac.getMessage().contains("set <mode>container</mode>"), mac.getMessage());
    }
}
