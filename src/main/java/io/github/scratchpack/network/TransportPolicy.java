package io.github.scratchpack.network;

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
            case PLAIN_HTTP -> {
                if (!plainHttpAllowed()) {
                    throw new PushException(ConnectionFailures.plainHttpRefused(address));
                }
                yield new Transport(true, credentialsOverPlainHttpAllowed(), true);
            }
            case TLS_FAILED -> {
                if (!unverifiedTlsAllowed()) {
                    throw new PushException(ConnectionFailures.tlsFailure(address, check.detail()));
                }
                yield new Transport(false, false, false);
            }
            case UNREACHABLE -> throw new PushException(ConnectionFailures.unreachable(address, check.detail()));
            case PROXY_FAILED -> throw new PushException(ConnectionFailures.proxyFailed(address, check.detail()));
        };
    }

    /**
     * How jib's HTTP client is set up.
     *
     * @param plainHttp whether the registry speaks plain HTTP, so HTTPS is not even tried
     * @param sendCredentialsOverHttp whether the Authorization header may go over plain HTTP
     * @param verifyTls whether HTTPS connections must verify the certificate; when false, jib first tries with
     *     checks, then without, then plain HTTP
     */
    public record Transport(boolean plainHttp, boolean sendCredentialsOverHttp, boolean verifyTls) {

        /** Whether jib may leave verified HTTPS at all. */
        public boolean failover() {
            return plainHttp || !verifyTls;
        }
    }
}
