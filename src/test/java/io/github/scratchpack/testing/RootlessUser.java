package io.github.scratchpack.testing;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.io.IOException;
import java.net.URISyntaxException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

/**
 * The unprivileged user that tests run podman and Docker as, through {@code src/test/rootless/run-as-user} (which
 * creates it, with its subordinate id ranges, on first use): for the tests' own checks, and for the hook scripts of
 * the {@code integration-test-rootless} invoker execution, which run as root.
 */
public final class RootlessUser {
    /** Its name; {@code run-as-user} and {@code mvn-as-user} use the same. */
    public static final String NAME = "scratchpack-rootless";
    /** Found from the test classes (target/test-classes), so that the invoker's hook scripts find it too. */
    private static final Path RUN_AS_USER = testClasses().resolve("../../src/test/rootless/run-as-user").normalize();

    private RootlessUser() {
    }

    private static Path testClasses() {
        try {
            return Path.of(RootlessUser.class.getProtectionDomain().getCodeSource().getLocation().toURI());
        } catch (URISyntaxException e) {
            throw new IllegalStateException(e);
        }
    }

    /** A command line that runs a command as the user; it must be run by root. */
    public static List<String> command(List<String> command) {
        List<String> asUser = new ArrayList<>(List.of(RUN_AS_USER.toString()));
        asUser.addAll(command);
        return asUser;
    }

    /** Creates the user if it does not exist yet; returns its id. */
    public static long create() throws IOException, InterruptedException {
        ExternalTool.check(command(List.of("true")));
        return Long.parseLong(ExternalTool.check(List.of("id", "-u", NAME)).strip());
    }

    /**
     * Fails unless, within 5 s, no process of the user runs (exited ones whose parent has not reaped them yet do not
     * count: on machines whose init does not reap orphans, they stay).
     */
    public static void checkNothingRuns() throws IOException, InterruptedException {
        List<String> left = List.of();
        for (int i = 0; i < 50; i++) {
            left = ExternalTool.run(Duration.ofSeconds(10), List.of("ps", "-u", NAME, "-o", "pid=,stat=,args="))
                    .output().lines().filter(line -> !line.strip().split("\\s+")[1].startsWith("Z")).toList();
            if (left.isEmpty()) {
                return;
            }
            Thread.sleep(100);
        }
        assertEquals(List.of(), left, "processes of " + NAME + " left running");
    }
}
