package io.github.scratchpack.network;

import java.util.List;
import java.util.Locale;

/**
 * A registry's host and optional port, as written in an image reference such as {@code 127.0.0.1:5000/demo/app}.
 *
 * @param host the host name or IPv4 address, lower-cased
 * @param port the port, or -1 when the reference names none (HTTPS then uses 443)
 */
public record RegistryAddress(String host, int port) {
    private static final String DOCKER_HUB = "docker.io";
    private static final String DOCKER_HUB_API = "registry-1.docker.io";

    /** Parses {@code host} or {@code host:port}, as {@code ImageReference} has already checked it. */
    public static RegistryAddress parse(String registry) {
        int colon = registry.lastIndexOf(':');
        if (colon < 0) {
            return new RegistryAddress(registry.toLowerCase(Locale.ROOT), -1);
        }
        return new RegistryAddress(registry.substring(0, colon).toLowerCase(Locale.ROOT),
                Integer.parseInt(registry.substring(colon + 1)));
    }

    /**
     * Whether the registry is on this machine: {@code localhost} or an address in {@code 127.0.0.0/8}. The decision
     * is made on the name as written, never on what DNS answers, so no DNS record can make a remote host count.
     */
    public boolean isLoopback() {
        if (host.equals("localhost")) {
            return true;
        }
        String[] octets = host.split("\\.", -1);
        if (octets.length != 4 || !octets[0].equals("127")) {
            return false;
        }
        for (String octet : octets) {
            if (!octet.matches("[0-9]{1,3}") || Integer.parseInt(octet) > 255) {
                return false;
            }
        }
        return true;
    }

    /** The port that HTTPS connects to. */
    public int httpsPort() {
        return port < 0 ? 443 : port;
    }

    /** The host and port that the registry API is called on; Docker Hub's API is not at {@code docker.io}. */
    public String apiHost() {
        return host.equals(DOCKER_HUB) ? DOCKER_HUB_API : toString();
    }

    /** The ids a settings.xml {@code <server>} may have for this registry: {@code host:port}, then {@code host}. */
    public List<String> serverIds() {
        return port < 0 ? List.of(host) : List.of(toString(), host);
    }

    /** The registry as written: {@code host} or {@code host:port}. */
    @Override
    public String toString() {
        return port < 0 ? host : host + ":" + port;
    }
}
