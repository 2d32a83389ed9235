package io.github.scratchpack.maven;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.AccessDeniedException;
import org.apache.maven.plugin.MojoExecutionException;
import org.apache.maven.plugin.MojoFailureException;
import org.apache.maven.plugin.logging.SystemStreamLog;
import org.junit.jupiter.api.Test;

/** What Maven prints of a failure: our one line by default, the whole cause chain with -e or -X. */
class BuildFailuresTest {
    @Test
    void withDashETheCauseChainIsInTheTraceMavenPrints() {
        IOException cause = new IOException("writing the layer failed", new AccessDeniedException("/target/image.tar"));

        MojoExecutionException error = new BuildFailures(new SystemStreamLog(), true).error("Writing the image tarball failed", cause);

        assertSame(cause, error.getCause());
        StringWriter trace = new StringWriter();
        error.printStackTrace(new PrintWriter(trace));
        assertTrue(trace.toString().contains("Caused by: java.nio.file.AccessDeniedException: /target/image.tar"), trace.toString());
        assertSame(cause, new BuildFailures(new SystemStreamLog(), true).failure("Fix the password.", cause).getCause());
    }

    @Test
    void byDefaultTheOneLineMavenPrintsIsOursAlone() {
        BuildFailures failures = new BuildFailures(new SystemStreamLog(), false);
        IOException cause = new IOException("HTTP 401 Unauthorized\n{\"errors\":[...]}");

        MojoFailureException failure = failures.failure("Authentication failed. Fix the password.", cause);

        assertEquals("Authentication failed. Fix the password.", failure.getMessage());
        assertNull(failure.getCause(), "Maven appends every cause's message to the line it prints");
        assertNull(failures.error("Writing failed.", cause).getCause());
    }
}
