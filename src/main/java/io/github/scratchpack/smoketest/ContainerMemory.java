package io.github.scratchpack.smoketest;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.OptionalLong;

/**
 * The peak memory of a container's cgroup, as the kernel counts it for the engine: {@code memory.peak} (cgroup v2) or
 * {@code memory.max_usage_in_bytes} (v1), found through {@code /proc/<pid>/cgroup} of the container's process.
 */
final class ContainerMemory {
    private static final Path CGROUPS = Path.of("/sys/fs/cgroup");

    private ContainerMemory() {
    }

    /** The peak in bytes so far, or empty when the cgroup cannot be read from here. */
    static OptionalLong peak(Path process) {
        try {
            for (String line : Files.readAllLines(process.resolve("cgroup"))) {
                String[] fields = line.split(":", 3);
                if (fields.length != 3) {
                    continue;
                }
                String relative = fields[2].startsWith("/") ? fields[2].substring(1) : fields[2];
                List<Path> candidates = fields[1].equals("memory")
                        ? List.of(CGROUPS.resolve("memory").resolve(relative).resolve("memory.max_usage_in_bytes"))
                        : fields[0].equals("0") ? List.of(CGROUPS.resolve(relative).resolve("memory.peak")) : List.of();
                for (Path file : candidates) {
                    if (Files.isReadable(file)) {
                        return OptionalLong.of(Long.parseLong(Files.readString(file).strip()));
                    }
                }
            }
        } catch (IOException | RuntimeException unreadable) {
            // the process has ended, or its cgroup is not visible from this namespace
        }
        return OptionalLong.empty();
    }
}
