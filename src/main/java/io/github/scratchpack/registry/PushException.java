package io.github.scratchpack.registry;

/** A push that failed, with a message for the person running the build: what is wrong, and what to do. */
public class PushException extends Exception {
    private static final long serialVersionUID = 1L;

    public PushException(String message) {
        super(message);
    }

    public PushException(String message, Throwable cause) {
        super(message, cause);
    }
}
