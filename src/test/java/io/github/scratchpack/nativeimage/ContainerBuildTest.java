package io.github.scratchpack.nativeimage;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.github.scratchpack.elf.StaticExecutableCheck;
import io.github.scratchpack.testing.Podman;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;

/** Runs container builds for real, with podman and a stand-in builder image made here from busybox-static. */
class ContainerBuildTest extends ContainerBuildFixture {

    private NativeImageBuild.Outcome build(BuildMode mode, List<Path> classpath) throws Exception {
        return build(mode, classpath, image);
    }

    private NativeImageBuild.Outcome build(BuildMode mode, List<Path> classpath, String builderImage) throws Exception {
        NativeImageRequest request = new NativeImageRequest("com.example.Main", classpath, target.resolve("app"), List.of(),
                false, "compatibility", "2g", List.of());
        HostEnvironment current = HostEnvironment.current();
        Map<String, String> variables = new HashMap<>(Podman.environment());
        // no Docker daemon answers there, so that auto takes podman whatever runs on this machine
        variables.put("DOCKER_HOST", "unix://" + directory.resolve("no-docker.sock"));
        // no GraalVM either, so that auto builds in the container also where the real-GraalVM tier runs
        variables.remove("GRAALVM_HOME");
        variables.remove("JAVA_HOME");
        HostEnvironment host = new HostEnvironment(variables, current.osName(), current.osArch(), current.uid(), current.gid());
        return new NativeImageBuild(host, log::add).run(new NativeImageBuild.Settings(request, mode,
                new BuilderContainer(builderImage, "auto", false, List.of()), null, null, null, false,
                target.resolve("scratchpack-native"), directory.resolve("project")));
    }

    private List<StandInGraalVm.Invocation> invocations() throws Exception {
        return StandInGraalVm.Invocation.read(target.resolve("native-image-invocations.log"));
    }

    @Test
    void buildsInTheBuilderImageWithMountedClasspathAsTheMavenUser() throws Exception {
        NativeImageBuild.Outcome outcome = build(BuildMode.CONTAINER, List.of(appJar, dependency));

        assertTrue(outcome.built());
        Path output = target.resolve("app");
        StaticExecutableCheck.check(output);
        assertEquals(HostEnvironment.current().uid(), ((Number) Files.getAttribute(output, "unix:uid")).longValue());
        assertEquals(HostEnvironment.current().gid(), ((Number) Files.getAttribute(output, "unix:gid")).longValue());
        List<StandInGraalVm.Invocation> invocations = invocations();
        assertEquals(1, invocations.size(), "the --version probe writes no record: the build directory is not mounted then");
        StandInGraalVm.Invocation invocation = invocations.get(0);
        assertEquals("invocation cwd=/scratchpack/target uid=" + HostEnvironment.current().uid(), invocation.header());
        assertEquals(List.of("-J-Xmx2g", "--static", "--libc=musl", "--no-fallback", "-march=compatibility", "--install-exit-handlers", "-o",
                "/scratchpack/target/app", "-cp", "/scratchpack/classpath/0/app-1.0.jar:/scratchpack/classpath/1/lib-2.0.jar",
                "com.example.Main"), invocation.arguments());
        assertTrue(log.stream().anyMatch(line -> line.startsWith("[8/8] Creating image...")), String.join("\n", log));
        assertTrue(log.contains("native-image version: native-image 25.0.1 2025-10-21"), String.join("\n", log));
    }

    @Test
    void secondBuildWithTheSameImageRunsNoContainer() throws Exception {
        build(BuildMode.CONTAINER, List.of(appJar));
        int calls = invocations().size();
        log.clear();

        assertFalse(build(BuildMode.CONTAINER, List.of(appJar)).built());
        assertEquals(calls, invocations().size());
        assertTrue(log.stream().anyMatch(line -> line.contains("is up to date")), String.join("\n", log));
    }

    @Test
    void autoModeWithoutGraalvmBuildsInTheContainer() throws Exception {
        assertTrue(build(BuildMode.AUTO, List.of(appJar)).built());
        assertTrue(log.get(0).startsWith("No GraalVM on this machine was found; building in " + image + " with podman"), log.get(0));
    }

    @Test
    void longClasspathReachesTheContainerThroughTheArgfile() throws Exception {
        List<Path> classpath = new ArrayList<>(List.of(appJar));
        for (int i = 0; i < 150; i++) {
            classpath.add(Files.writeString(directory.resolve("repository").resolve("a-dependency-with-a-long-name-" + i + ".jar"), "jar " + i));
        }
        assertTrue(build(BuildMode.CONTAINER, classpath).built());

        StandInGraalVm.Invocation invocation = invocations().get(0);
        assertEquals(List.of("-J-Xmx2g", "@/scratchpack/target/scratchpack-native/native-image.args", "com.example.Main"),
                invocation.arguments());
        String mounted = IntStream.range(0, classpath.size())
                .mapToObj(i -> "/scratchpack/classpath/" + i + "/" + classpath.get(i).getFileName()).collect(Collectors.joining(":"));
        assertEquals(mounted, invocation.valueOf("-cp"));
        assertTrue(Files.isRegularFile(target.resolve("app")));
    }

    @Test
    void aBuilderImageThatCannotBePulledSaysSoAndHowToFixIt() {
        String missing = "127.0.0.1:9/scratchpack/no-such-builder:1";
        NativeImageException failure = assertThrows(NativeImageException.class,
                () -> build(BuildMode.CONTAINER, List.of(appJar), missing));
        assertTrue(failure.getMessage().contains("could not run the builder image " + missing), failure.getMessage());
        assertTrue(failure.getMessage().contains("pull " + missing), failure.getMessage());
        assertTrue(failure.getMessage().contains("mode=local"), failure.getMessage());
    }
}
