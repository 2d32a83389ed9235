package io.github.scratchpack.engine;

/** A load into a local engine that failed, with a message that says what to do. */
public class LoadException extends Exception {
    private static final long serialVersionUID = 1L;

    public LoadException(String message) {
        super(message);
    }

    public LoadException(String message, Throwable cause) {
        super(message, cause);
    }
}
