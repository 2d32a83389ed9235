package io.github.scratchpack.nativeimage;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.github.scratchpack.elf.ElfReader;
import io.github.scratchpack.testing.StaticBinaries;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The platform as the attached executable's classifier and the build cache name it, from the JVM and from the ELF. */
class TargetPlatformTest {
    @Test
    void theJvmsNamesBecomeTheOciNames() {
        assertEquals("linux-amd64", TargetPlatform.host("Linux", "amd64"));
        assertEquals("linux-amd64", TargetPlatform.host("Linux", "x86_64"));
        assertEquals("linux-arm64", TargetPlatform.host("Linux", "aarch64"));
        assertEquals("macosx-arm64", TargetPlatform.host("Mac OS X", "aarch64"));
    }

    @Test
    void anExecutableIsForTheMachineItsElfHeaderNames(@TempDir Path dir) throws Exception {
        Path server = StaticBinaries.staticServer(dir, "server");
        assertEquals("linux-amd64", TargetPlatform.of(ElfReader.read(server)));
    }
}
