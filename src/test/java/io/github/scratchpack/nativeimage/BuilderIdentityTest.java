package io.github.scratchpack.nativeimage;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** What a build cache keys the builder on: the same GraalVM anywhere is one identity, another version another. */
class BuilderIdentityTest {
    private static final String RELEASE = "IMPLEMENTOR=\"GraalVM Community\"\nJAVA_VERSION=\"%s\"\nOS_ARCH=\"x86_64\"\n";

    @TempDir
    Path dir;

    private Path home(String name, String javaVersion, int builderJarSize) throws Exception {
        Path home = dir.resolve(name);
        Files.createDirectories(home.resolve("bin"));
        Files.writeString(home.resolve("bin/native-image"), "#!/bin/sh\n");
        home.resolve("bin/native-image").toFile().setExecutable(true);
        Files.writeString(home.resolve("release"), String.format(RELEASE, javaVersion));
        Files.createDirectories(home.resolve("lib/svm/builder"));
        Files.write(home.resolve("lib/svm/builder/svm.jar"), new byte[builderJarSize]);
        return home;
    }

    @Test
    void theSameGraalVmInstalledElsewhereIsTheSameBuilder() throws Exception {
        String identity = BuilderIdentity.of(home("runner-a/graalvm", "17.0.19", 100));
        assertEquals("GraalVM IMPLEMENTOR=GraalVM Community, JAVA_VERSION=17.0.19, OS_ARCH=x86_64, svm.jar=100 bytes",
                identity);
        assertEquals(identity, BuilderIdentity.of(home("opt/graalvm-17", "17.0.19", 100)));
    }

    @Test
    void anotherVersionOrAnotherBuilderJarIsAnotherBuilder() throws Exception {
        String identity = BuilderIdentity.of(home("a", "17.0.19", 100));
        assertNotEquals(identity, BuilderIdentity.of(home("b", "17.0.20", 100)));
        assertNotEquals(identity, BuilderIdentity.of(home("c", "17.0.19", 101)));
    }

    @Test
    void expectedIsTheGraalVmTheEnvironmentNamesElseTheBuilderImage() throws Exception {
        Path home = home("graalvm", "21.0.2", 7);
        assertEquals(BuilderIdentity.of(home), BuilderIdentity.expected(Map.of("GRAALVM_HOME", home.toString())));
        assertEquals(BuilderIdentity.CONTAINER, BuilderIdentity.expected(Map.of("PATH", dir.resolve("empty").toString())));
    }
}
