package io.github.scratchpack.maven;

import java.io.File;
import java.nio.file.Path;
import org.apache.maven.plugin.AbstractMojo;
import org.apache.maven.plugins.annotations.Parameter;

/** The parameters that every goal working on the image tarball shares. */
public abstract class AbstractTarballMojo extends AbstractMojo {
    /** Where the image tarball is written by the image goal, and read by push and load; <code>image.json</code> is beside it. */
    @Parameter(property = "scratchpack.tarball", defaultValue = "${project.build.directory}/scratchpack/image.tar")
    protected File tarball;

    /** Skips the goal. */
    @Parameter(property = "scratchpack.skip", defaultValue = "false")
    protected boolean skip;

    /** Logs and answers whether the goal is skipped. */
    protected boolean skipped(String goal) {
        if (skip) {
            getLog().info("Skipping scratchpack:" + goal + " (scratchpack.skip=true)");
        }
        return skip;
    }

    /** The <code>image.json</code> report beside the tarball. */
    protected Path reportPath() {
        return tarball.toPath().toAbsolutePath().resolveSibling("image.json");
    }
}
