package io.github.scratchpack.maven;

import org.apache.maven.plugin.MojoExecutionException;
import org.apache.maven.plugin.MojoFailureException;
import org.apache.maven.plugin.logging.Log;

/**
 * Turns a caught exception into the failure Maven prints, of the kind Maven's own definitions give it: a
 * {@link MojoFailureException} for a problem in the project or its configuration that the user fixes (as
 * maven-compiler-plugin fails a compilation error), a {@link MojoExecutionException} for one met while doing the work
 * (I/O, the network, an external tool).
 * <p>
 * When Maven shows errors in full ({@code -e}, {@code -X}), the caught exception is the failure's cause, so that
 * the whole chain is printed. Otherwise it is left out, because Maven appends every cause's message (often a
 * library's wording over several lines) to the one line it prints; {@code -X} logs it at debug level too.
 */
final class BuildFailures {
    private final Log log;
    private final boolean showErrors;

    /**
     * @param log        the goal's log
     * @param showErrors whether Maven runs with {@code -e} or {@code -X}
     */
    BuildFailures(Log log, boolean showErrors) {
        this.log = log;
        this.showErrors = showErrors;
    }

    /** A failure caused by the user's input or project: "BUILD FAILURE". */
    MojoFailureException failure(String message, Throwable cause) {
        debug(message, cause);
        return showErrors && cause != null ? new MojoFailureException(message, cause) : new MojoFailureException(message);
    }

    /** An error while doing the work (I/O, the network, an external tool). */
    MojoExecutionException error(String message, Throwable cause) {
        debug(message, cause);
        return new MojoExecutionException(message, showErrors ? cause : null);
    }

    private void debug(String message, Throwable cause) {
        if (cause != null && log.isDebugEnabled()) {
            log.debug("Cause of: " + message, cause);
        }
    }
}
