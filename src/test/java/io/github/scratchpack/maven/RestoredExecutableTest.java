package io.github.scratchpack.maven;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.ArrayList;
import java.util.List;
import org.apache.maven.artifact.DefaultArtifact;
import org.apache.maven.artifact.handler.DefaultArtifactHandler;
import org.apache.maven.plugin.logging.SystemStreamLog;
import org.apache.maven.project.MavenProject;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** An executable the build cache restored from a remote cache, without its executable bit. */
class RestoredExecutableTest {
    @TempDir
    Path dir;
    private Path executable;
    private MavenProject project;
    private final List<String> lines = new ArrayList<>();
    private final SystemStreamLog log = new SystemStreamLog() {
        @Override
        public void info(CharSequence content) {
            lines.add(content.toString());
        }
    };

    @BeforeEach
    void restored() throws Exception {
        executable = Files.createDirectories(dir.resolve("target")).resolve("app");
        Files.writeString(executable, "ELF");
        Files.setPosixFilePermissions(executable, PosixFilePermissions.fromString("rw-r--r--"));
        project = new MavenProject();
        project.setFile(dir.resolve("pom.xml").toFile());
        DefaultArtifact artifact = new DefaultArtifact("g", "app", "1.0", "compile", "bin", "linux-amd64",
                new DefaultArtifactHandler("bin"));
        artifact.setFile(executable.toFile());
        project.addAttachedArtifact(artifact);
    }

    @Test
    void getsItsExecutableBitBackAndTheLogSaysOnceWhereItCameFrom() throws Exception {
        RestoredExecutable.settle(project, log);
        RestoredExecutable.settle(project, log);
        assertEquals("rwxr-xr-x", PosixFilePermissions.toString(Files.getPosixFilePermissions(executable)));
        assertEquals(List.of("Executable target/app (linux-amd64) came from the build cache with the image: native-image"
                + " did not run in this build; its executable bit, lost on the way, is set again"), lines);
    }

    @Test
    void anExecutableNativeImageMadeInThisBuildIsLeftAlone() throws Exception {
        project.setContextValue(NativeImageMojo.EXECUTABLE_CONTEXT_KEY, executable);
        RestoredExecutable.settle(project, log);
        assertEquals("rw-r--r--", PosixFilePermissions.toString(Files.getPosixFilePermissions(executable)));
        assertTrue(lines.isEmpty());
    }
}
