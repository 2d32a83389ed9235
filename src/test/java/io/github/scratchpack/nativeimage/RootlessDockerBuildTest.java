package io.github.scratchpack.nativeimage;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.github.scratchpack.elf.StaticExecutableCheck;
import io.github.scratchpack.testing.ExternalTool;
import io.github.scratchpack.testing.RootlessDockerDaemon;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * A container build against a real rootless Docker daemon, as the user who runs that daemon would run Maven: the
 * executable written through the bind mount must belong to that user. With {@code --user <uid>:<gid>}, as for a
 * daemon run by root, native-image could not even write it (the container's uid is a subordinate id there).
 */
class RootlessDockerBuildTest {
    @Test
    void theExecutableBelongsToTheUserWhoRunsTheDaemon() throws Exception {
        try (RootlessDockerDaemon daemon = RootlessDockerDaemon.start()) {
            Path context = daemon.userDirectory("builder-context");
            StandInBuilderImage.writeContext(context);
            String image = "localhost/scratchpack-standin-builder:rootless-docker";
            ExternalTool.check(daemon.docker("build", "-t", image, "-f", context.resolve("Containerfile").toString(),
                    context.toString()));
            Path target = daemon.userDirectory("project").resolve("target");
            Files.createDirectories(target);
            Path appJar = Files.writeString(target.resolve("app-1.0.jar"), "the application");
            daemon.userDirectory("project/target");

            List<String> log = new ArrayList<>();
            HostEnvironment current = HostEnvironment.current();
            HostEnvironment host = new HostEnvironment(Map.of("PATH", daemon.dockerCommand().toString()), current.osName(),
                    current.osArch(), daemon.uid(), daemon.uid());
            NativeImageRequest request = new NativeImageRequest("com.example.Main", List.of(appJar), target.resolve("app"),
                    List.of(), false, "compatibility", null, List.of());
            NativeImageBuild.Outcome outcome = new NativeImageBuild(host, log::add).run(new NativeImageBuild.Settings(request,
                    BuildMode.CONTAINER, new BuilderContainer(image, "docker", false, List.of()), null, null, null, false,
                    target.resolve("scratchpack-native"), target.getParent()));

            assertTrue(outcome.built(), String.join("\n", log));
            Path output = target.resolve("app");
            StaticExecutableCheck.check(output);
            assertEquals(daemon.uid(), ((Number) Files.getAttribute(output, "unix:uid")).longValue());
            assertEquals("invocation cwd=/scratchpack/target uid=0",
                    StandInGraalVm.Invocation.read(target.resolve("native-image-invocations.log")).get(0).header(),
                    "native-image runs as the container's root, which is the daemon's user on the host");
            assertTrue(String.join("\n", log).contains("building in " + image + " with docker"), String.join("\n", log));
        }
    }
}
