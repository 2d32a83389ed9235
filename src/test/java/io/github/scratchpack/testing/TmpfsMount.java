package io.github.scratchpack.testing;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Assertions;
import org.junit.jupiter.api.Assumptions;

/**
 * A small tmpfs mounted for one test, to make a directory full or read-only for real. Mounting needs root; without
 * it the test is skipped, or fails when {@code CI=true}.
 */
public final class TmpfsMount implements AutoCloseable {
    private final Path directory;

    private TmpfsMount(Path directory) {
        this.directory = directory;
    }

    /**
     * Mounts a tmpfs.
     *
     * @param directory an empty directory to mount it on
     * @param options mount options, such as {@code size=2m} or {@code ro,size=1m}
     */
    public static TmpfsMount mount(Path directory, String options) throws IOException, InterruptedException {
        Files.createDirectories(directory);
        List<String> command = List.of("mount", "-t", "tmpfs", "-o", options, "tmpfs", directory.toString());
        ExternalTool.Result result = ExternalTool.run(Duration.ofSeconds(30), command);
        if (result.exitCode() != 0) {
            String message = "Cannot mount a tmpfs (needs root): " + result.output();
            if ("true".equalsIgnoreCase(System.getenv("CI"))) {
                Assertions.fail(message);
            }
            Assumptions.abort(message);
        }
        return new TmpfsMount(directory);
    }

    public Path directory() {
        return directory;
    }

    @Override
    public void close() throws IOException, InterruptedException {
        ExternalTool.check(List.of("umount", "-l", directory.toString()));
    }
}
