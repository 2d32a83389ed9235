package io.github.scratchpack.maven;

import io.github.scratchpack.engine.ContainerEngine;
import io.github.scratchpack.engine.LoadException;
import org.apache.maven.plugin.MojoExecutionException;
import org.apache.maven.plugins.annotations.LifecyclePhase;
import org.apache.maven.plugins.annotations.Mojo;
import org.apache.maven.plugins.annotations.Parameter;

/**
 * Loads the image that the <code>image</code> goal wrote into the local docker or podman, by piping the tarball into
 * <code>docker load</code> or <code>podman load</code>. Run it as <code>mvn package scratchpack:load</code>.
 */
@Mojo(name = "load", defaultPhase = LifecyclePhase.PACKAGE, threadSafe = true)
public class LoadMojo extends AbstractTarballMojo {

    /**
     * The engine to load into: <code>docker</code>, <code>podman</code>, or <code>auto</code>, which takes docker when its daemon
     * answers and podman otherwise.
     */
    @Parameter(property = "scratchpack.engine", defaultValue = "auto")
    private String engine;

    @Override
    public void execute() throws MojoExecutionException {
        if (skipped("load")) {
            return;
        }
        try {
            new ContainerEngine(System.getenv()).load(tarball.toPath(), engine).lines().forEach(getLog()::info);
        } catch (LoadException e) {
            throw BuildFailures.error(getLog(), e.getMessage(), e);
        }
    }
}
