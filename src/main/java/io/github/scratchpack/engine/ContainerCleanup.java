package io.github.scratchpack.engine;

/**
 * Removes a container when the JVM exits while it runs, as on Ctrl-C: killing the engine's client does not stop the
 * container, so without this the builder would run on. {@link #close()} unregisters the hook once the run is over.
 */
final class ContainerCleanup implements AutoCloseable {
    private final Thread hook;

    private ContainerCleanup(Thread hook) {
        this.hook = hook;
    }

    /** Runs {@code removal} if the JVM shuts down before {@link #close()}. */
    static ContainerCleanup register(String container, Runnable removal) {
        Thread hook = new Thread(removal, "scratchpack-remove-" + container);
        Runtime.getRuntime().addShutdownHook(hook);
        return new ContainerCleanup(hook);
    }

    @Override
    public void close() {
        try {
            Runtime.getRuntime().removeShutdownHook(hook);
        } catch (IllegalStateException shuttingDown) {
            // the hook runs, or has run, and removes the container
        }
    }
}
