package io.github.scratchpack.maven;

import java.io.File;
import java.nio.file.Path;
import org.apache.maven.plugins.annotations.Parameter;

/** The parameters that every goal working on the image tarball shares. */
public abstract class AbstractTarballMojo extends AbstractSkippableMojo {
    /** Where the image tarball is written by the image goal, and read by push and load; <code>image.json</code> is beside it. */
    @Parameter(property = "scratchpack.tarball", defaultValue = "${project.build.directory}/scratchpack/image.tar")
    protected File tarball;

    /** The <code>image.json</code> report beside the tarball. */
    protected Path reportPath() {
        return tarball.toPath().toAbsolutePath().resolveSibling("image.json");
    }
}
