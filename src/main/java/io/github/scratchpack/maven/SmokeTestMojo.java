package io.github.scratchpack.maven;

import io.github.scratchpack.engine.ContainerEngine;
import io.github.scratchpack.engine.EngineException;
import io.github.scratchpack.smoketest.ImageUnderTest;
import io.github.scratchpack.smoketest.ReadinessCheck;
import io.github.scratchpack.smoketest.SmokeTest;
import io.github.scratchpack.smoketest.SmokeTestException;
import io.github.scratchpack.smoketest.SmokeTestSettings;
import java.io.File;
import java.io.IOException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.apache.maven.plugin.MojoExecutionException;
import org.apache.maven.plugin.MojoFailureException;
import org.apache.maven.plugins.annotations.LifecyclePhase;
import org.apache.maven.plugins.annotations.Mojo;
import org.apache.maven.plugins.annotations.Parameter;

/**
 * Runs the image that the <code>image</code> goal wrote as production would, in the local podman or Docker Engine,
 * and fails the build, saying why, when it does not become ready: as the image's user, with a read-only root file
 * system and a fresh tmpfs on <code>/tmp</code>, all capabilities dropped, <code>no-new-privileges</code>, and each
 * exposed TCP port published on 127.0.0.1 (with a Docker Engine that has no bridge network: in the host's network,
 * where the service listens on the exposed port itself, which must be free). The container is stopped with SIGTERM and removed afterwards, and the image
 * too when the goal loaded it; an image or tag the engine already had is never changed. Writes
 * <code>smoke-test.json</code> beside the tarball.
 */
@Mojo(name = "smoke-test", defaultPhase = LifecyclePhase.INTEGRATION_TEST, threadSafe = true)
public class SmokeTestMojo extends AbstractEngineMojo {
    /**
     * How each exposed port shows that the service is ready; a port without a check here must accept a TCP
     * connection. Each <code>check</code> element has a <code>port</code>, and optionally a <code>path</code> to GET
     * (with <code>https</code> true for TLS) and the expected <code>status</code>.
     */
    @Parameter
    private List<ReadinessCheckParameter> readinessChecks = new ArrayList<>();

    /** Text that a line of the container's output must contain before it counts as ready. */
    @Parameter(property = "scratchpack.smokeTest.logLine")
    private String readyLogLine;

    /** Seconds the container has to become ready. */
    @Parameter(property = "scratchpack.smokeTest.startupTimeout", defaultValue = "30")
    private int startupTimeout;

    /** Seconds the container has to stop after SIGTERM before it is killed. */
    @Parameter(property = "scratchpack.smokeTest.stopTimeout", defaultValue = "10")
    private int stopTimeout;

    /** Environment variables for the smoke test's container only. */
    @Parameter
    private Map<String, String> smokeTestEnvironment = Map.of();

    /** Arguments for the entrypoint, for the smoke test's container only. */
    @Parameter
    private List<String> smokeTestArguments = List.of();

    /** Skips this goal; <code>scratchpack.skip</code> skips every scratchpack goal. */
    @Parameter(property = "scratchpack.smoke-test.skip", defaultValue = "false")
    private boolean skip;

    /**
     * Skips the smoke test.
     *
     * @deprecated Use <code>skip</code>, property <code>scratchpack.smoke-test.skip</code>.
     */
    @Deprecated
    @Parameter(property = "scratchpack.skipSmokeTest", defaultValue = "false")
    private boolean skipSmokeTest;

    /** Skips the smoke test, with the other tests. */
    @Parameter(property = "skipTests", defaultValue = "false")
    private boolean skipTests;

    /** Skips the smoke test, with the other integration tests. */
    @Parameter(property = "skipITs", defaultValue = "false")
    private boolean skipITs;

    @Override
    public void execute() throws MojoExecutionException, MojoFailureException {
        if (skipped("smoke-test", skip,
                SkipSwitch.deprecated("scratchpack.skipSmokeTest", skipSmokeTest, goalSkipProperty("smoke-test")),
                SkipSwitch.of("skipTests", skipTests), SkipSwitch.of("skipITs", skipITs))) {
            return;
        }
        settleRestoredOutputs();
        SmokeTestSettings settings = settings();
        ImageUnderTest image;
        try {
            image = ImageUnderTest.read(tarball.toPath(), reportPath());
        } catch (IOException e) {
            throw failures().error("The image to smoke-test cannot be read from " + tarball + " (" + e.getMessage()
                    + "). Run the image goal first, as in 'mvn verify' with both goals bound.", e);
        }
        File report = reportPath().resolveSibling("smoke-test.json").toFile();
        try {
            ContainerEngine engine = chooseEngine();
            Duration ready = new SmokeTest(engine, getLog()::warn).run(image, settings, report.toPath());
            getLog().info("Smoke test passed: " + (image.tags().isEmpty() ? image.id() : image.tags().get(0))
                    + " was ready in " + ready.toMillis() + " ms in " + engine.name() + " (report: " + report + ")");
        } catch (SmokeTestException e) {
            throw failures().failure(e.getMessage(), e);
        } catch (EngineException | IOException e) {
            throw failures().error(e.getMessage(), e);
        }
    }

    private SmokeTestSettings settings() throws MojoFailureException {
        if (startupTimeout < 1 || stopTimeout < 0) {
            throw new MojoFailureException("startupTimeout is " + startupTimeout + " s and stopTimeout " + stopTimeout
                    + " s; set startupTimeout to 1 s or more and stopTimeout to 0 s or more.");
        }
        List<ReadinessCheck> checks = new ArrayList<>();
        for (ReadinessCheckParameter check : readinessChecks) {
            try {
                checks.add(ReadinessCheck.of(check.port, check.path, check.https, check.status));
            } catch (IllegalArgumentException e) {
                throw failures().failure(e.getMessage() + " Fix it in <readinessChecks>.", e);
            }
        }
        String logLine = readyLogLine == null || readyLogLine.isEmpty() ? null : readyLogLine;
        return new SmokeTestSettings(checks, logLine, Duration.ofSeconds(startupTimeout), Duration.ofSeconds(stopTimeout),
                smokeTestEnvironment, smokeTestArguments);
    }
}
