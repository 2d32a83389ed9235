package io.github.scratchpack.signing;

/** A signing key that cannot be used: unreadable, of the wrong kind, or with a wrong password. The message holds no secret. */
public final class SigningKeyException extends Exception {
    public SigningKeyException(String message) {
        super(message);
    }

    public SigningKeyException(String message, Throwable cause) {
        super(message, cause);
    }
}
