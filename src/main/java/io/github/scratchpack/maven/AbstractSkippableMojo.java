package io.github.scratchpack.maven;

import org.apache.maven.execution.MavenSession;
import org.apache.maven.plugin.AbstractMojo;
import org.apache.maven.plugins.annotations.Parameter;

/**
 * The switch that skips every scratchpack goal at once, and how a goal decides and logs that it is skipped. Each goal
 * also has a <code>skip</code> parameter of its own, whose property is <code>scratchpack.&lt;goal&gt;.skip</code>.
 */
public abstract class AbstractSkippableMojo extends AbstractMojo {
    /**
     * Skips every scratchpack goal: <code>native-image</code>, <code>image</code>, <code>push</code>, <code>load</code> and
     * <code>smoke-test</code>. To skip one goal only, set that goal's own <code>skip</code> parameter, whose property is
     * named after the goal, such as <code>-Dscratchpack.push.skip</code> or <code>-Dscratchpack.smoke-test.skip</code>.
     */
    @Parameter(property = "scratchpack.skip", defaultValue = "false")
    private boolean skipAll;

    /** The build's session, for whether Maven shows errors in full. */
    @Parameter(defaultValue = "${session}", readonly = true, required = true)
    private MavenSession buildSession;

    /** Turns caught exceptions into this goal's failures, with their causes under {@code -e} and {@code -X}. */
    protected BuildFailures failures() {
        return new BuildFailures(getLog(), buildSession != null && buildSession.getRequest() != null
                && buildSession.getRequest().isShowErrors());
    }

    /** A further reason to skip a goal: the property that sets it, whether it is set, and what replaces it if it is deprecated. */
    protected record SkipSwitch(String property, boolean set, String replacedBy) {
        /** A switch that stays. */
        static SkipSwitch of(String property, boolean set) {
            return new SkipSwitch(property, set, null);
        }

        /** A switch kept for old builds, which logs a warning naming its replacement when it is set. */
        static SkipSwitch deprecated(String property, boolean set, String replacedBy) {
            return new SkipSwitch(property, set, replacedBy);
        }
    }

    /**
     * Logs and answers whether the goal is skipped: by <code>scratchpack.skip</code>, by the goal's own <code>skip</code>
     * parameter (property <code>scratchpack.&lt;goal&gt;.skip</code>), or by the first of its further switches that is set.
     */
    protected boolean skipped(String goal, boolean skip, SkipSwitch... more) {
        String reason = skipAll ? "scratchpack.skip" : skip ? goalSkipProperty(goal) : null;
        for (int i = 0; reason == null && i < more.length; i++) {
            if (more[i].set()) {
                reason = more[i].property();
                if (more[i].replacedBy() != null) {
                    getLog().warn(reason + " is deprecated and will be removed; use " + more[i].replacedBy() + " instead.");
                }
            }
        }
        if (reason != null) {
            getLog().info("Skipping scratchpack:" + goal + " (" + reason + "=true)");
        }
        return reason != null;
    }

    /** The property of a goal's own <code>skip</code> parameter. */
    static String goalSkipProperty(String goal) {
        return "scratchpack." + goal + ".skip";
    }
}
