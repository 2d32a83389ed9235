package io.github.scratchpack.maven;

import java.io.File;
import java.io.IOException;
import java.nio.file.Path;
import org.apache.maven.plugin.MojoExecutionException;
import org.apache.maven.plugins.annotations.Parameter;
import org.apache.maven.project.MavenProject;

/** The parameters that every goal working on the image tarball shares. */
public abstract class AbstractTarballMojo extends AbstractSkippableMojo {
    @Parameter(defaultValue = "${project}", readonly = true, required = true)
    protected MavenProject project;

    /** Where the image tarball is written by the image goal, and read by push and load; <code>image.json</code> is beside it. */
    @Parameter(property = "scratchpack.tarball", defaultValue = "${project.build.directory}/scratchpack/image.tar")
    protected File tarball;

    /** The <code>image.json</code> report beside the tarball. */
    protected Path reportPath() {
        return tarball.toPath().toAbsolutePath().resolveSibling("image.json");
    }

    /**
     * When a build cache restored the outputs instead of running native-image and image, makes the restored executable
     * executable again and says so once; see {@link RestoredExecutable}.
     */
    protected void settleRestoredOutputs() throws MojoExecutionException {
        try {
            RestoredExecutable.settle(project, getLog());
        } catch (IOException e) {
            throw failures().error("Setting the executable bit of the executable the build cache restored"
                    + " failed: " + e.getMessage(), e);
        }
    }
}
