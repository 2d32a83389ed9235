package io.github.scratchpack.bench;

import com.google.cloud.tools.jib.api.Containerizer;
import com.google.cloud.tools.jib.api.Jib;
import com.google.cloud.tools.jib.api.TarImage;
import com.google.cloud.tools.jib.api.buildplan.AbsoluteUnixPath;
import com.google.cloud.tools.jib.api.buildplan.FileEntriesLayer;
import com.google.cloud.tools.jib.api.buildplan.FilePermissions;
import com.google.cloud.tools.jib.api.buildplan.ImageFormat;
import com.google.cloud.tools.jib.api.buildplan.Port;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;
import java.util.stream.Stream;

/**
 * Builds with jib-core, in this JVM, the image that the scratchpack runner builds, and prints how long that took
 * inside the JVM. run.sh starts a fresh JVM for every build, as it does for the scratchpack runner.
 *
 * <pre>
 * JibRun BINARY ROOTFS WORK_DIR TARBALL
 * </pre>
 *
 * <ul>
 *   <li>Layer 1: every file and directory under ROOTFS but the CA bundle, at the same path, with its permissions
 *       and numeric owner. run.sh fills ROOTFS with the base files and CA bundle of a scratchpack image, so both
 *       tools package the same bytes. jib permissions have no sticky bit, so {@code /tmp} is 0777, not 01777.</li>
 *   <li>Layer 2: the CA bundle {@code /etc/ssl/certs/ca-certificates.crt}, when ROOTFS has one.</li>
 *   <li>Layer 3: BINARY at {@code /app/<name>}, mode 0755.</li>
 * </ul>
 *
 * The configuration matches scratchpack's: entrypoint {@code /app/<name>}, user 65532:65532, working directory
 * {@code /app}, {@code PATH} and {@code SSL_CERT_FILE}, port 8080, creation time 1970, OCI format. jib compresses
 * with its default, single-threaded {@code GZIPOutputStream}. Its base-image and application layer caches are
 * put in WORK_DIR, which must not exist yet, so every build is a cold one. Prints "seconds=S".
 */
public final class JibRun {
    private static final String CA_BUNDLE = "/etc/ssl/certs/ca-certificates.crt";

    private JibRun() {
    }

    public static void main(String[] args) throws Exception {
        long started = System.nanoTime();
        if (args.length != 4) {
            System.err.println("Usage: JibRun BINARY ROOTFS WORK_DIR TARBALL");
            System.exit(2);
        }
        build(Path.of(args[0]), Path.of(args[1]), Path.of(args[2]), Path.of(args[3]));
        System.out.printf(Locale.ROOT, "seconds=%.3f%n", (System.nanoTime() - started) / 1e9);
    }

    private static void build(Path binary, Path rootfs, Path work, Path tarball) throws Exception {
        if (Files.exists(work)) {
            throw new IllegalArgumentException(work + " exists: jib's caches would not be cold.");
        }
        FileEntriesLayer.Builder base = FileEntriesLayer.builder().setName("base files");
        FileEntriesLayer.Builder certificates = FileEntriesLayer.builder().setName("CA certificates");
        List<Path> entries;
        try (Stream<Path> walk = Files.walk(rootfs)) {
            entries = walk.filter(path -> !path.equals(rootfs)).sorted().toList();
        }
        for (Path entry : entries) {
            AbsoluteUnixPath target = AbsoluteUnixPath.get("/" + rootfs.relativize(entry));
            FileEntriesLayer.Builder layer = target.toString().equals(CA_BUNDLE) ? certificates : base;
            layer.addEntry(entry, target, FilePermissions.fromPosixFilePermissions(Files.getPosixFilePermissions(entry)),
                    Instant.EPOCH, owner(entry));
        }
        String name = binary.getFileName().toString();
        FileEntriesLayer executable = FileEntriesLayer.builder().setName("executable")
                .addEntry(binary, AbsoluteUnixPath.get("/app/" + name), FilePermissions.fromOctalString("755"),
                        Instant.EPOCH, "0:0")
                .build();

        Map<String, String> environment = new TreeMap<>(Map.of("PATH", "/app"));
        if (Files.isRegularFile(rootfs.resolve(CA_BUNDLE.substring(1)))) {
            environment.put("SSL_CERT_FILE", CA_BUNDLE);
        }
        Containerizer containerizer = Containerizer.to(TarImage.at(tarball).named("bench/app:1"))
                .setBaseImageLayersCache(work.resolve("base-image-layers"))
                .setApplicationLayersCache(work.resolve("application-layers"))
                .setToolName("scratchpack-bench");
        List<FileEntriesLayer> layers = Stream.of(base.build(), certificates.build(), executable)
                .filter(layer -> !layer.getEntries().isEmpty()).toList();
        Jib.fromScratch()
                .setFileEntriesLayers(layers)
                .setEntrypoint("/app/" + name)
                .setUser("65532:65532")
                .setWorkingDirectory(AbsoluteUnixPath.get("/app"))
                .setEnvironment(environment)
                .addExposedPort(Port.tcp(8080))
                .setCreationTime(Instant.EPOCH)
                .setFormat(ImageFormat.OCI)
                .containerize(containerizer);
    }

    /** The numeric owner of a file, as jib writes it into the layer. */
    private static String owner(Path file) throws IOException {
        return Files.getAttribute(file, "unix:uid") + ":" + Files.getAttribute(file, "unix:gid");
    }
}
