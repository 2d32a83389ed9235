package io.github.scratchpack.nativeimage;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.github.scratchpack.elf.StaticExecutableCheck;
import io.github.scratchpack.engine.ContainerEngine;
import io.github.scratchpack.testing.DockerDaemon;
import io.github.scratchpack.testing.ExternalTool;
import io.github.scratchpack.testing.HttpServerImage;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.atomic.AtomicReference;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/**
 * Container builds through a real Docker Engine (a private dockerd, reached through {@code DOCKER_HOST}), with the
 * stand-in builder image: bind-mounted on a local daemon, copied in and out with a daemon reached over TCP that
 * cannot see the build directory, and removed when the build is interrupted. The daemon has no bridge network, so
 * every build passes {@code --network=none} through {@code builderRunOptions}.
 */
class DockerContainerBuildTest extends ContainerBuildFixture {
    private static final List<String> NO_NETWORK = List.of("--network=none");

    private NativeImageBuild.Outcome build(DockerDaemon daemon, String engine, List<String> runOptions) throws Exception {
        NativeImageRequest request = new NativeImageRequest("com.example.Main",
                List.of(appJar, classes, dependency), target.resolve("app"), List.of(), false,
                "compatibility", "2g", List.of());
        HostEnvironment current = HostEnvironment.current();
        HostEnvironment host = new HostEnvironment(daemon.environment(), current.osName(), current.osArch(), current.uid(),
                current.gid());
        return new NativeImageBuild(host, log::add).run(new NativeImageBuild.Settings(request, BuildMode.CONTAINER,
                new BuilderContainer(image, engine, false, runOptions), null, null, null, false,
                target.resolve("scratchpack-native"), directory.resolve("project")));
    }

    /** The load goal's code path, with the same engine setting, loads an image of the project into the same daemon. */
    private void loadsIntoTheSameDaemon(DockerDaemon daemon, String reference) throws Exception {
        Path tarball = HttpServerImage.build(Files.createDirectories(directory.resolve("image")), reference);
        assertEquals("Loaded image: " + reference, ContainerEngine.choose(daemon.environment(), "docker").load(tarball));
        daemon.check("rmi", reference, image);
    }

    private static void assertNoContainerLeft(DockerDaemon daemon) throws Exception {
        assertEquals("", daemon.check("ps", "-a", "-q").strip());
    }

    @Test
    void dockerBuildsWithMountsAsTheMavenUserAndLoadsTheImageOfTheSameProject() throws Exception {
        try (DockerDaemon daemon = DockerDaemon.start()) {
            StandInBuilderImage.copyTo(daemon, image, imageContext);
            assertTrue(build(daemon, "docker", NO_NETWORK).built());

            StaticExecutableCheck.check(target.resolve("app"));
            assertEquals(HostEnvironment.current().uid(), ((Number) Files.getAttribute(target.resolve("app"), "unix:uid")).longValue());
            StandInGraalVm.Invocation invocation = StandInGraalVm.Invocation.read(target.resolve("native-image-invocations.log")).get(0);
            assertEquals("invocation cwd=/scratchpack/target uid=" + HostEnvironment.current().uid(), invocation.header());
            assertEquals("/scratchpack/classpath/0/app-1.0.jar:/scratchpack/classpath/1/classes:/scratchpack/classpath/2/lib-2.0.jar",
                    invocation.valueOf("-cp"));
            assertTrue(log.get(0).endsWith("with docker (" + daemon.command().get(0) + ")"), log.get(0));
            assertTrue(log.stream().anyMatch(line -> line.contains(" run --rm --name scratchpack-native-app-")
                    && line.contains(":/scratchpack/target:rw,z") && line.contains("--security-opt label=disable")
                    && line.endsWith("--network=none " + image + " -J-Xmx2g --static --libc=musl --no-fallback"
                            + " -march=compatibility --install-exit-handlers -o /scratchpack/target/app -cp"
                            + " /scratchpack/classpath/0/app-1.0.jar:/scratchpack/classpath/1/classes:"
                            + "/scratchpack/classpath/2/lib-2.0.jar com.example.Main")), String.join("\n", log));
            assertTrue(log.stream().anyMatch(line -> line.startsWith("[8/8] Creating image...")), String.join("\n", log));
            assertNoContainerLeft(daemon);

            loadsIntoTheSameDaemon(daemon, "scratchpack-test/engine-docker:1");
        }
    }

    @Test
    void aDaemonThatCannotSeeTheBuildDirectoryGetsTheInputsCopiedInAndTheExecutableOut() throws Exception {
        try (DockerDaemon daemon = DockerDaemon.startRemote(directory)) {
            StandInBuilderImage.copyTo(daemon, image, imageContext);
            Files.writeString(directory.resolve("visible-to-the-daemon"), "no", StandardCharsets.UTF_8);
            ExternalTool.Result probe = ExternalTool.run(Duration.ofSeconds(60), daemon.command("run", "--rm",
                    "--network=none", "--volume", directory + ":/probe:ro", "--entrypoint", "cat", image,
                    "/probe/visible-to-the-daemon"));
            assertEquals(1, probe.exitCode(), "the daemon must not see the test's directory: " + probe.output());
            assertTrue(probe.output().contains("No such file or directory"), probe.output());

            assertTrue(build(daemon, "auto", NO_NETWORK).built());

            StaticExecutableCheck.check(target.resolve("app"));
            assertTrue(log.get(0).endsWith("(" + daemon.command().get(0) + ", remote through DOCKER_HOST)"), log.get(0));
            assertTrue(log.stream().anyMatch(line -> line.contains(" create --name scratchpack-native-app-")
                    && !line.contains("--volume")), String.join("\n", log));
            assertTrue(log.stream().anyMatch(line -> line.startsWith("[8/8] Creating image...")), String.join("\n", log));
            assertFalse(Files.exists(target.resolve("native-image-invocations.log")), "the stand-in wrote its record in the container");
            try (Stream<Path> files = Files.list(target)) {
                assertEquals(List.of(), files.filter(file -> file.getFileName().toString().endsWith(".part")).toList());
            }
            assertNoContainerLeft(daemon);

            loadsIntoTheSameDaemon(daemon, "scratchpack-test/engine-remote:1");
        }
    }

    @Test
    void anInterruptedBuildRemovesItsContainer() throws Exception {
        Path slow = Files.writeString(directory.resolve("native-image.standin"), "STANDIN_BINARY=/opt/standin/app\n"
                + "STANDIN_RECORD=/dev/null\nSTANDIN_DELAY=600\n", StandardCharsets.UTF_8);
        try (DockerDaemon daemon = DockerDaemon.start()) {
            StandInBuilderImage.copyTo(daemon, image, imageContext);
            AtomicReference<Throwable> failure = new AtomicReference<>();
            Thread build = new Thread(() -> {
                try {
                    build(daemon, "docker", List.of("--network=none", "--volume",
                            slow + ":/usr/local/bin/native-image.standin:ro"));
                } catch (Throwable e) {
                    failure.set(e);
                }
            });
            build.start();
            String banner = "GraalVM Native Image: Generating 'app' (static executable)...";
            for (int i = 0; i < 300 && !log.contains(banner); i++) {
                Thread.sleep(100);
            }
            assertTrue(log.contains(banner), "the build did not start:\n" + String.join("\n", log));
            assertFalse(daemon.check("ps", "-q", "--filter", "name=scratchpack-native-app-").isBlank());

            build.interrupt();
            build.join(60_000);

            assertFalse(build.isAlive());
            assertTrue(failure.get() instanceof IOException, String.valueOf(failure.get()));
            assertTrue(failure.get().getMessage().startsWith("Interrupted while the builder container scratchpack-native-app-"),
                    failure.get().getMessage());
            assertNoContainerLeft(daemon);
            assertFalse(Files.exists(target.resolve("app")));
            daemon.check("rmi", image);
        }
    }
}
