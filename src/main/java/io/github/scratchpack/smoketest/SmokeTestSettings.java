package io.github.scratchpack.smoketest;

import java.time.Duration;
import java.util.List;
import java.util.Map;

/**
 * What the user asked the smoke test to do.
 *
 * @param checks a readiness check for each exposed port that has one; the others get a TCP connect
 * @param logLine text that a line of the container's output must contain before it counts as ready, or {@code null}
 * @param startupTimeout how long the container has to become ready
 * @param stopTimeout how long it has to stop after SIGTERM before it is killed
 * @param environment variables set for the test run only
 * @param arguments arguments given to the entrypoint for the test run only
 */
public record SmokeTestSettings(List<ReadinessCheck> checks, String logLine, Duration startupTimeout,
                                Duration stopTimeout, Map<String, String> environment, List<String> arguments) {
    public SmokeTestSettings {
        checks = List.copyOf(checks);
        environment = Map.copyOf(environment);
        arguments = List.copyOf(arguments);
    }
}
