package io.github.scratchpack.testing;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/** Runs the real git in a test's own checkout, with an identity of its own and no user or system configuration. */
public final class Git {
    private Git() {
    }

    /** Runs {@code git -C <checkout> <arguments>}; fails the test unless it exits with 0; returns its output. */
    public static String run(Path checkout, String... arguments) throws Exception {
        List<String> command = new ArrayList<>(List.of("env", "GIT_CONFIG_GLOBAL=/dev/null", "GIT_CONFIG_NOSYSTEM=1",
                "GIT_AUTHOR_NAME=test", "GIT_AUTHOR_EMAIL=test@example.com", "GIT_COMMITTER_NAME=test",
                "GIT_COMMITTER_EMAIL=test@example.com", ExternalTool.require("git").toString(), "-C",
                checkout.toString()));
        command.addAll(List.of(arguments));
        return ExternalTool.check(command);
    }

    /** The full id of the commit checked out, as {@code git rev-parse HEAD} gives it. */
    public static String head(Path checkout) throws Exception {
        return run(checkout, "rev-parse", "HEAD").trim();
    }
}
