package io.github.scratchpack.smoketest;

/** A smoke test that failed: the message gives the cause, then the container's last log lines. */
public class SmokeTestException extends Exception {
    private static final long serialVersionUID = 1L;

    public SmokeTestException(String message) {
        super(message);
    }
}
