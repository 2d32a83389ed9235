package io.github.scratchpack.maven;

import io.github.scratchpack.engine.EngineException;
import org.apache.maven.plugin.MojoExecutionException;
import org.apache.maven.plugins.annotations.LifecyclePhase;
import org.apache.maven.plugins.annotations.Mojo;
import org.apache.maven.plugins.annotations.Parameter;

/**
 * Loads the image that the <code>image</code> goal wrote into the local docker or podman, by piping the tarball into
 * <code>docker load</code> or <code>podman load</code>. Run it as <code>mvn package scratchpack:load</code>.
 */
@Mojo(name = "load", defaultPhase = LifecyclePhase.PACKAGE, threadSafe = true)
public class LoadMojo extends AbstractEngineMojo {
    /** Skips this goal; <code>scratchpack.skip</code> skips every scratchpack goal. */
    @Parameter(property = "scratchpack.load.skip", defaultValue = "false")
    private boolean skip;

    @Override
    public void execute() throws MojoExecutionException {
        if (skipped("load", skip)) {
            return;
        }
        settleRestoredOutputs();
        try {
            chooseEngine().load(tarball.toPath()).lines().forEach(getLog()::info);
        } catch (EngineException e) {
            throw failures().error(e.getMessage(), e);
        }
    }
}
