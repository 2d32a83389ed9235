package io.github.scratchpack.network;

/**
 * A push that failed, with a message for the person running the build: what is wrong, and what to do. Every step of a
 * push throws it, from choosing a proxy and finding credentials to the registry's answer, so it lives here, in the
 * package that the credentials and the registry protocol both build on.
 */
public class PushException extends Exception {
    private static final long serialVersionUID = 1L;

    public PushException(String message) {
        super(message);
    }

    public PushException(String message, Throwable cause) {
        super(message, cause);
    }
}
