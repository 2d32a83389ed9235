package io.github.scratchpack.engine;

/** Something a local container engine could not do, with a message that says what is wrong and what to do. */
public class EngineException extends Exception {
    private static final long serialVersionUID = 1L;

    public EngineException(String message) {
        super(message);
    }

    public EngineException(String message, Throwable cause) {
        super(message, cause);
    }
}
