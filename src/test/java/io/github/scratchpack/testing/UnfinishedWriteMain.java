package io.github.scratchpack.testing;

import io.github.scratchpack.output.AtomicFile;
import java.nio.file.Path;

/**
 * Starts an atomic write of the file named by its one argument, writes 1 MiB to the temporary file and then waits,
 * never finishing: run in another JVM, it is a concurrent build caught in the middle of writing, until it is killed.
 */
public final class UnfinishedWriteMain {
    private UnfinishedWriteMain() {
    }

    public static void main(String[] args) throws Exception {
        AtomicFile.write(Path.of(args[0]), out -> {
            out.write(new byte[1 << 20]);
            out.flush();
            try {
                Thread.sleep(Long.MAX_VALUE);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        });
    }
}
