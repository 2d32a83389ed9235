package io.github.scratchpack.network;

/**
 * What to tell the person running the build when no connection to a registry can be made: the registry cannot be
 * reached, the proxy failed, TLS failed, or the registry speaks plain HTTP where that is not allowed.
 */
public final class ConnectionFailures {
    private ConnectionFailures() {
    }

    public static String unreachable(RegistryAddress registry, String detail) {
        return "The registry " + registry + " cannot be reached (" + detail + "). Check the host and port in"
                + " scratchpack.image, and that the registry is running.";
    }

    public static String proxyFailed(RegistryAddress registry, String detail) {
        return "The registry " + registry + " cannot be reached (" + detail + "). Check the <proxy> in settings.xml,"
                + " the proxy variables or the -D...proxyHost properties, and that the proxy and the registry are"
                + " running.";
    }

    public static String tlsFailure(RegistryAddress registry, String detail) {
        return "The TLS connection to the registry " + registry + " failed: " + detail + ". If the registry uses a"
                + " private CA, give its PEM certificate with scratchpack.registryCertificates (or a trust store with"
                + " -Djavax.net.ssl.trustStore in MAVEN_OPTS).";
    }

    public static String plainHttpRefused(RegistryAddress registry) {
        return "The registry " + registry + " answers plain HTTP, not HTTPS, and it is not on this machine. Serve it"
                + " over HTTPS, or set scratchpack.allowInsecureRegistries=true (credentials are still never sent over"
                + " plain HTTP to another machine).";
    }
}
