package io.github.scratchpack.engine;

import java.util.regex.Pattern;

/**
 * Whether a Docker daemon runs rootless (dockerd-rootless.sh, in rootlesskit's user namespace), from what
 * {@code docker info --format '{{json .SecurityOptions}}'} prints: a JSON array of strings that holds
 * {@code "name=rootless"} for such a daemon. Its containers' root is the user who runs the daemon, and their other
 * ids are that user's subordinate ids.
 */
final class RootlessDocker {
    /** The {@code docker info} template whose output {@link #inSecurityOptions} reads. */
    static final String SECURITY_OPTIONS_FORMAT = "{{json .SecurityOptions}}";

    private static final Pattern ROOTLESS = Pattern.compile("\"name=rootless[\",]");

    private RootlessDocker() {
    }

    /** Whether the security options, as {@link #SECURITY_OPTIONS_FORMAT} prints them, say the daemon is rootless. */
    static boolean inSecurityOptions(String securityOptions) {
        return ROOTLESS.matcher(securityOptions).find();
    }
}
