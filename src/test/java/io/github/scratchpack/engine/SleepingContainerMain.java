package io.github.scratchpack.engine;

import java.time.Duration;
import java.util.List;

/**
 * Runs, through {@link ContainerEngine#run}, a container named by the first argument from the image named by the
 * second, with podman, that sleeps for 10 minutes: run in another JVM, it is a build whose Maven the user stops with
 * Ctrl-C while its builder container runs.
 */
public final class SleepingContainerMain {
    private SleepingContainerMain() {
    }

    public static void main(String[] args) throws Exception {
        ContainerEngine podman = ContainerEngine.choose(System.getenv(), "podman");
        podman.run(ContainerRun.withoutFiles(args[0], args[1], List.of("--entrypoint", "sleep"), List.of("600")),
                System.out::println, Duration.ofMinutes(15));
    }
}
