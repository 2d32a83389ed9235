package io.github.scratchpack.registry;

/**
 * Decides how scratchpack may talk to a registry: HTTPS with certificate checks unless the registry is on this
 * machine (plain HTTP allowed, as Docker allows it) or the user allowed insecure registries. Credentials never travel
 * over plain HTTP to another machine.
 *
 * @param address the registry
 * @param allowInsecureRegistries whether the user allowed plain HTTP and unchecked certificates for every registry
 */
public record TransportPolicy(RegistryAddress address, boolean allowInsecureRegistries) {

    /** Whether plain HTTP may be used. */
    public boolean plainHttpAllowed() {
        return address.isLoopback() || allowInsecureRegistries;
    }

    /** Whether an Authorization header may be sent over plain HTTP: only to this machine. */
    public boolean credentialsOverPlainHttpAllowed() {
        return address.isLoopback();
    }

    /** Whether an HTTPS certificate that does not verify may be accepted: only when the user said so. */
    public boolean unverifiedTlsAllowed() {
        return allowInsecureRegistries;
    }

    /**
     * How to connect, given what the registry's port answered.
     *
     * @param check what a TLS handshake with the registry showed
     * @return the transport to use
     * @throws PushException when the policy forbids every way the registry offers, or it cannot be reached
     */
    public Transport transportFor(ConnectionCheck.Result check) throws PushException {
        return switch (check.outcome()) {
            case VERIFIED_TLS -> new Transport(false, false, true);
            case NOT_CHECKED -> allowInsecureRegistries ? new Transport(true, false, false) : new Transport(false, false, true);
            case PLAIN_HTTP -> {
                if (!plainHttpAllowed()) {
                    throw new PushException(FailureMessages.plainHttpRefused(address));
                }
                yield new Transport(true, credentialsOverPlainHttpAllowed(), true);
            }
            case TLS_FAILED -> {
                if (!unverifiedTlsAllowed()) {
                    throw new PushException(FailureMessages.tlsFailure(address, check.detail()));
                }
                yield new Transport(true, false, false);
            }
            case UNREACHABLE -> throw new PushException(FailureMessages.unreachable(address, check.detail()));
        };
    }

    /**
     * How jib's HTTP client is set up.
     *
     * @param failover whether jib may fall back from HTTPS to plain HTTP (and, when {@code verifyTls} is false, to
     *     HTTPS without certificate checks)
     * @param sendCredentialsOverHttp whether the Authorization header survives a fall-back to plain HTTP
     * @param verifyTls whether every HTTPS connection checks the certificate
     */
    public record Transport(boolean failover, boolean sendCredentialsOverHttp, boolean verifyTls) {
    }
}
