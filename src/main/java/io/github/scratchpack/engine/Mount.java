package io.github.scratchpack.engine;

import java.nio.file.Path;

/**
 * A file or directory of this machine that a container sees: bind-mounted when the engine runs here, copied when it
 * is remote.
 *
 * @param host      where it is on this machine
 * @param container where the container sees it
 * @param writable  whether the container may write to it
 */
public record Mount(Path host, String container, boolean writable) {
    /** Keeps the absolute, normalized host path. */
    public Mount {
        host = host.toAbsolutePath().normalize();
    }
}
