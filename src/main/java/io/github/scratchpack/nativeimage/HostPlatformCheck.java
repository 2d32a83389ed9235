package io.github.scratchpack.nativeimage;

import java.util.Locale;

/** Checks that this machine can build static musl executables: GraalVM supports them on linux/amd64 only. */
public final class HostPlatformCheck {
    private HostPlatformCheck() {
    }

    /**
     * Fails unless the host is amd64 and, for a build on this machine, Linux.
     *
     * @param osName the {@code os.name} system property
     * @param osArch the {@code os.arch} system property
     * @param local  whether native-image runs on this machine rather than in a container
     */
    public static void require(String osName, String osArch, boolean local) throws NativeImageException {
        String arch = osArch.toLowerCase(Locale.ROOT);
        if (!arch.equals("amd64") && !arch.equals("x86_64")) {
            throw new NativeImageException("This machine is " + osName + "/" + osArch + ", but GraalVM builds static musl"
                    + " executables (--static --libc=musl) on linux/amd64 only. Run this build on an amd64 (x86-64) machine.");
        }
        if (local && !osName.toLowerCase(Locale.ROOT).startsWith("linux")) {
            throw new NativeImageException("This machine runs " + osName + ", but GraalVM builds static musl executables"
                    + " on Linux only. Build in a container instead: set <mode>container</mode> with Docker or Podman installed.");
        }
    }
}
