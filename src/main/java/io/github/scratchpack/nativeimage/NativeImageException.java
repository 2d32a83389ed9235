package io.github.scratchpack.nativeimage;

/**
 * A native-image build that cannot go on, for a reason the person running Maven can fix. The message says what is
 * wrong and the one thing to do about it; it is shown as it is, without a stack trace.
 */
public class NativeImageException extends Exception {
    private static final long serialVersionUID = 1L;

    /** A failure with a message written for the person running the build. */
    public NativeImageException(String message) {
        super(message);
    }

    /** A failure with a message written for the person running the build, caused by another one. */
    public NativeImageException(String message, Throwable cause) {
        super(message, cause);
    }
}
