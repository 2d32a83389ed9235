package io.github.scratchpack.engine;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

/** Telling a rootless Docker daemon from {@code docker info --format '{{json .SecurityOptions}}'}, as recorded. */
class RootlessDockerTest {
    /** Docker 20.10.24 (Debian's docker.io) started by dockerd-rootless.sh as an ordinary user. */
    private static final String ROOTLESS = "[\"name=seccomp,profile=default\",\"name=rootless\"]\n";
    /** The same dockerd started by root. */
    private static final String ROOTFUL = "[\"name=seccomp,profile=default\"]\n";

    @Test
    void aRootlessDaemonSaysSoInItsSecurityOptions() {
        assertTrue(RootlessDocker.inSecurityOptions(ROOTLESS));
        assertTrue(RootlessDocker.inSecurityOptions("[\"name=rootless\",\"name=cgroupns\"]"));
    }

    @Test
    void aDaemonStartedByRootIsNotRootless() {
        assertFalse(RootlessDocker.inSecurityOptions(ROOTFUL));
        assertFalse(RootlessDocker.inSecurityOptions("[\"name=seccomp,profile=default\",\"name=cgroupns\"]"));
        assertFalse(RootlessDocker.inSecurityOptions("[]"));
        assertFalse(RootlessDocker.inSecurityOptions("[\"name=rootlessish\"]"));
    }
}
