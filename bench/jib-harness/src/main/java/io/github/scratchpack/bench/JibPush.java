package io.github.scratchpack.bench;

import com.google.cloud.tools.jib.api.Containerizer;
import com.google.cloud.tools.jib.api.Jib;
import com.google.cloud.tools.jib.api.RegistryImage;
import com.google.cloud.tools.jib.api.TarImage;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Locale;

/**
 * Pushes an image tarball to a registry with jib-core, in this JVM, and prints how long that took inside the JVM.
 * run.sh starts a fresh JVM for every push.
 *
 * <pre>
 * JibPush TARBALL WORK_DIR REFERENCE
 * </pre>
 *
 * The tarball is jib's base image ({@code Jib.from(TarImage)}, which reads its Docker {@code manifest.json}); jib
 * pushes its layers as they are, with a config and manifest of its own, over plain HTTP
 * ({@code setAllowInsecureRegistries}). Its caches go into WORK_DIR, which must not exist yet. Prints "seconds=S".
 */
public final class JibPush {
    private JibPush() {
    }

    public static void main(String[] args) throws Exception {
        long started = System.nanoTime();
        if (args.length != 3) {
            System.err.println("Usage: JibPush TARBALL WORK_DIR REFERENCE");
            System.exit(2);
        }
        Path work = Path.of(args[1]);
        if (Files.exists(work)) {
            throw new IllegalArgumentException(work + " exists: jib's caches would not be cold.");
        }
        Jib.from(TarImage.at(Path.of(args[0]))).containerize(Containerizer.to(RegistryImage.named(args[2]))
                .setAllowInsecureRegistries(true)
                .setBaseImageLayersCache(work.resolve("base-image-layers"))
                .setApplicationLayersCache(work.resolve("application-layers"))
                .setToolName("scratchpack-bench"));
        System.out.printf(Locale.ROOT, "seconds=%.3f%n", (System.nanoTime() - started) / 1e9);
    }
}
