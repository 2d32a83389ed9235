package io.github.scratchpack.maven;

import java.util.List;
import java.util.Properties;
import io.github.scratchpack.testing.RecordingLog;
import org.apache.maven.execution.MavenSession;
import org.apache.maven.plugin.Mojo;
import org.apache.maven.project.MavenProject;

/** Skips each goal alone, all goals at once, and through the old properties, as Maven configures them from user properties. */
public class GoalSkipTest extends AbstractImageMojoTest {
    private static final List<String> GOALS = List.of("native-image", "image", "push", "load", "smoke-test");

    public void testEachGoalIsSkippedByItsOwnPropertyAlone() throws Exception {
        for (String goal : GOALS) {
            RecordingLog log = new RecordingLog();
            configured(goal, log, "scratchpack." + goal + ".skip").execute();
            assertEquals(goal, List.of("[INFO] Skipping scratchpack:" + goal + " (scratchpack." + goal + ".skip=true)"),
                    log.lines);
        }
    }

    public void testEachGoalRunsWhenOnlyTheOtherGoalsAreSkipped() throws Exception {
        for (String goal : GOALS) {
            String[] others = GOALS.stream().filter(other -> !other.equals(goal))
                    .map(other -> "scratchpack." + other + ".skip").toArray(String[]::new);
            RecordingLog log = new RecordingLog();
            Mojo mojo = configured(goal, log, others);
            // the test project has nothing for any goal to work on, so a goal that runs fails
            assertThrows(Exception.class, mojo::execute);
            assertTrue(goal + ": " + log.lines, log.lines.stream().noneMatch(line -> line.contains("Skipping")));
        }
    }

    public void testScratchpackSkipSkipsEveryGoal() throws Exception {
        for (String goal : GOALS) {
            RecordingLog log = new RecordingLog();
            configured(goal, log, "scratchpack.skip").execute();
            assertEquals(goal, List.of("[INFO] Skipping scratchpack:" + goal + " (scratchpack.skip=true)"), log.lines);
        }
    }

    public void testTheOldPropertiesStillSkipAndSayWhatReplacesThem() throws Exception {
        RecordingLog nativeLog = new RecordingLog();
        configured("native-image", nativeLog, "scratchpack.skipNative").execute();
        assertEquals(List.of("[WARNING] scratchpack.skipNative is deprecated and will be removed; use "
                        + "scratchpack.native-image.skip instead.",
                "[INFO] Skipping scratchpack:native-image (scratchpack.skipNative=true)"), nativeLog.lines);

        RecordingLog smokeLog = new RecordingLog();
        configured("smoke-test", smokeLog, "scratchpack.skipSmokeTest").execute();
        assertEquals(List.of("[WARNING] scratchpack.skipSmokeTest is deprecated and will be removed; use "
                        + "scratchpack.smoke-test.skip instead.",
                "[INFO] Skipping scratchpack:smoke-test (scratchpack.skipSmokeTest=true)"), smokeLog.lines);
    }

    public void testTheSmokeTestIsSkippedWithTheOtherTests() throws Exception {
        for (String property : List.of("skipTests", "skipITs")) {
            RecordingLog log = new RecordingLog();
            configured("smoke-test", log, property).execute();
            assertEquals(List.of("[INFO] Skipping scratchpack:smoke-test (" + property + "=true)"), log.lines);
        }
    }

    /** The goal configured from the test project's POM with each of the given user properties set to true. */
    private Mojo configured(String goal, RecordingLog log, String... trueProperties) throws Exception {
        Properties properties = new Properties();
        for (String property : trueProperties) {
            properties.setProperty(property, "true");
        }
        // an engine name no engine has, so that a load that is not skipped fails at once without touching an engine
        properties.setProperty("scratchpack.engine", "no-such-engine");
        MavenProject project = project();
        // only the image goal takes the test project's configuration; the goals here run on their defaults
        project.getBuild().getPlugins().forEach(plugin -> plugin.setConfiguration(null));
        MavenSession session = newMavenSession(project);
        session.getRequest().setUserProperties(properties);
        Mojo mojo = lookupConfiguredMojo(session, newMojoExecution(goal));
        mojo.setLog(log);
        return mojo;
    }
}
