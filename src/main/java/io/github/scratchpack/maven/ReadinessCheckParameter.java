package io.github.scratchpack.maven;

/**
 * A readiness check as written in the POM, inside <code>&lt;readinessChecks&gt;</code>:
 * <code>&lt;check&gt;&lt;port&gt;8080&lt;/port&gt;&lt;path&gt;/health&lt;/path&gt;&lt;/check&gt;</code>.
 */
public class ReadinessCheckParameter {
    /** The exposed container port to check. */
    int port;

    /** A path to GET over HTTP; without one, the check is a TCP connection. */
    String path;

    /** Whether the GET uses HTTPS; the server's certificate is not checked. */
    boolean https;

    /** The statuses that count as ready, such as <code>200</code> or <code>2xx,301</code>; any 2xx or 3xx by default. */
    String status;
}
