package io.github.scratchpack.nativeimage;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Finding the musl compiler by its default name, by a configured name or path, and the messages when it is missing. */
class MuslCompilerLocatorTest {
    @TempDir
    Path directory;

    private Path executable(String relative) throws IOException {
        Path file = directory.resolve(relative);
        Files.createDirectories(file.getParent());
        Files.writeString(file, "#!/bin/sh\n");
        file.toFile().setExecutable(true);
        return file;
    }

    @Test
    void findsTheDefaultNameOnPath() throws Exception {
        Path compiler = executable("toolchain/bin/x86_64-linux-musl-gcc");
        assertEquals(compiler, MuslCompilerLocator.locate(null, directory + ":" + compiler.getParent(), directory).path());
    }

    @Test
    void missingCompilerIsNamedWithTheWayToGetOne() {
        NativeImageException failure = assertThrows(NativeImageException.class,
                () -> MuslCompilerLocator.locate(null, directory.toString(), directory));
        assertTrue(failure.getMessage().startsWith("The musl C compiler x86_64-linux-musl-gcc is not on PATH"), failure.getMessage());
        assertTrue(failure.getMessage().contains("apt-get install musl-tools"), failure.getMessage());
    }

    @Test
    void onlyMuslGccOnPathIsSuggestedNotUsedUnasked() throws Exception {
        Path muslGcc = executable("bin/musl-gcc");
        NativeImageException failure = assertThrows(NativeImageException.class,
                () -> MuslCompilerLocator.locate(null, muslGcc.getParent().toString(), directory));
        assertTrue(failure.getMessage().contains("Use " + muslGcc + ", which is on PATH: set <muslCompiler>musl-gcc</muslCompiler>"),
                failure.getMessage());
        assertEquals(muslGcc, MuslCompilerLocator.locate("musl-gcc", muslGcc.getParent().toString(), directory).path());
    }

    @Test
    void configuredPathIsRelativeToTheProject() throws Exception {
        Path compiler = executable("tools/cc");
        assertEquals(compiler, MuslCompilerLocator.locate("tools/cc", "", directory).path());
        NativeImageException failure = assertThrows(NativeImageException.class,
                () -> MuslCompilerLocator.locate("tools/none", "", directory));
        assertTrue(failure.getMessage().startsWith("muslCompiler is tools/none, but " + directory.resolve("tools/none")),
                failure.getMessage());
        NativeImageException byName = assertThrows(NativeImageException.class,
                () -> MuslCompilerLocator.locate("no-such-cc", directory.toString(), directory));
        assertTrue(byName.getMessage().startsWith("muslCompiler is no-such-cc, but there is no no-such-cc on PATH"),
                byName.getMessage());
    }
}
