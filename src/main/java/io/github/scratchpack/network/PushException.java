package io.github.scratchpack.network;

/**
 * A push that failed, with a message for the person running the build: what is wrong, and what to do. Every step of a
 * push throws it, from choosing a proxy and finding credentials to the registry's answer, so it lives here, in the
 * package that the credentials and the registry protocol both build on.
 */
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
