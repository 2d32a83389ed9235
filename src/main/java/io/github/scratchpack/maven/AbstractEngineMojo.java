package io.github.scratchpack.maven;

import io.github.scratchpack.engine.ContainerEngine;
import io.github.scratchpack.engine.EngineException;
import org.apache.maven.plugins.annotations.Parameter;

/** The parameter that every goal working with a local container engine shares, and how it chooses the engine. */
public abstract class AbstractEngineMojo extends AbstractTarballMojo {
    /**
     * The engine to use: <code>docker</code>, <code>podman</code>, or <code>auto</code>, which takes docker when its daemon
     * answers and podman otherwise. The same property chooses the engine of <code>native-image</code>'s container
     * builds, so that every goal of a build uses one engine.
     */
    @Parameter(property = "scratchpack.engine", defaultValue = "auto")
    private String engine;

    /** The engine that the <code>engine</code> parameter names, run in this process's environment. */
    protected ContainerEngine chooseEngine() throws EngineException {
        return ContainerEngine.choose(System.getenv(), engine);
    }
}
