package io.github.scratchpack.registry;

/** A push that failed, with a message for the person running the build: what is wrong, and what to do. */
public class PushException extends Exception {
    private static final long serialVersionUID = 1L;

    private final boolean refused;

    public PushException(String message) {
        this(message, null, false);
    }

    public PushException(String message, Throwable cause) {
        this(message, cause, false);
    }

    /**
     * @param refused whether the registry refused the credentials or the access (401, 403, DENIED): a problem of the
     *                configuration that the user fixes, not of the network or the registry's health
     */
    public PushException(String message, Throwable cause, boolean refused) {
        super(message, cause);
        this.refused = refused;
    }

    /** Whether the registry refused the credentials or the access. */
    public boolean refused() {
        return refused;
    }
}
