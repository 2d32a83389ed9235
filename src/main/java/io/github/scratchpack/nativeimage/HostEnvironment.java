package io.github.scratchpack.nativeimage;

import com.sun.security.auth.module.UnixSystem;
import java.util.Map;

/**
 * What the build needs to know about the machine and the user running Maven.
 *
 * @param variables the environment variables
 * @param osName    the {@code os.name} system property
 * @param osArch    the {@code os.arch} system property
 * @param uid       the user's numeric id, for the owner of files a container writes
 * @param gid       the user's numeric group id
 */
public record HostEnvironment(Map<String, String> variables, String osName, String osArch, long uid, long gid) {
    /** Keeps its own copy of the variables. */
    public HostEnvironment {
        variables = Map.copyOf(variables);
    }

    /** This JVM's environment and user. */
    public static HostEnvironment current() {
        UnixSystem user = new UnixSystem();
        return new HostEnvironment(System.getenv(), System.getProperty("os.name"), System.getProperty("os.arch"),
                user.getUid(), user.getGid());
    }

    /** The {@code PATH} variable, or an empty string. */
    public String path() {
        return variables.getOrDefault("PATH", "");
    }
}
