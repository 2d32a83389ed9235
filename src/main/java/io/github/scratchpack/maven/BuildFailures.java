package io.github.scratchpack.maven;

import org.apache.maven.plugin.MojoExecutionException;
import org.apache.maven.plugin.MojoFailureException;
import org.apache.maven.plugin.logging.Log;

/**
 * Turns a caught exception into the one-line failure Maven prints. The cause is not attached, because Maven would
 * append its message (often a library's wording, or a second line) to ours; it goes to the debug log instead, so
 * <code>-X</code> still shows the whole chain.
 */
final class BuildFailures {
    private BuildFailures() {
    }

    /** A failure caused by the user's input or project: "BUILD FAILURE" with our message only. */
    static MojoFailureException failure(Log log, String message, Throwable cause) {
        debug(log, message, cause);
        return new MojoFailureException(message);
    }

    /** An error while doing the work (I/O, an external tool): "BUILD ERROR" with our message only. */
    static MojoExecutionException error(Log log, String message, Throwable cause) {
        debug(log, message, cause);
        return new MojoExecutionException(message);
    }

    private static void debug(Log log, String message, Throwable cause) {
        if (log.isDebugEnabled()) {
            log.debug("Cause of: " + message, cause);
        }
    }
}
