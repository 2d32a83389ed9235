package io.github.scratchpack.nativeimage;

import io.github.scratchpack.testing.DockerDaemon;
import io.github.scratchpack.testing.ExternalTool;
import io.github.scratchpack.testing.Podman;
import io.github.scratchpack.testing.StaticBinaries;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.List;
import java.util.UUID;

/**
 * A local stand-in for the builder image (ghcr.io/graalvm/native-image-community:*-muslib cannot be pulled here):
 * FROM scratch, Debian's {@code busybox-static} as {@code /bin/sh} and the few tools the stand-in script uses, the
 * stand-in script as {@code /usr/local/bin/native-image} (on the image's PATH, as in the real image) with the options
 * it accepts beside it, and the test HTTP server built with {@code musl-gcc -static} at {@code /opt/standin/app}.
 * The stand-in records its calls in the mounted build directory, as {@code native-image-invocations.log}.
 */
public final class StandInBuilderImage {
    /** The busybox applets the stand-in script runs. */
    private static final List<String> APPLETS = List.of("sh", "cat", "cp", "chmod", "dirname", "basename", "mkdir",
            "mktemp", "rm", "sleep", "id");
    private static final Path SCRIPT = Path.of("src/test/standin/native-image").toAbsolutePath();

    private StandInBuilderImage() {
    }

    /** Builds the image with podman under a new unique name; returns that name. */
    public static String build(Path context) throws IOException, InterruptedException {
        return build(context, "localhost/scratchpack-standin-builder:" + UUID.randomUUID().toString().substring(0, 8));
    }

    /** Builds the image with podman under the given name; returns that name. */
    public static String build(Path context, String name) throws IOException, InterruptedException {
        writeContext(context);
        ExternalTool.check(Podman.command("build", "-t", name, "-f", context.resolve("Containerfile").toString(),
                context.toString()));
        return name;
    }

    /**
     * Writes the image's build context into a directory: its {@code Containerfile} and the root file system it copies,
     * for tests that build the image with another podman command line (such as another user's).
     */
    public static void writeContext(Path context) throws IOException, InterruptedException {
        Path busybox = ExternalTool.require("busybox");
        Path rootfs = context.resolve("rootfs");
        Files.createDirectories(rootfs.resolve("bin"));
        Files.createDirectories(rootfs.resolve("usr/local/bin"));
        Files.createDirectories(rootfs.resolve("opt/standin"));
        Files.setPosixFilePermissions(Files.createDirectories(rootfs.resolve("tmp")),
                PosixFilePermissions.fromString("rwxrwxrwx"));
        Files.copy(busybox, rootfs.resolve("bin/busybox"), StandardCopyOption.REPLACE_EXISTING);
        for (String applet : APPLETS) {
            Files.createSymbolicLink(rootfs.resolve("bin").resolve(applet), Path.of("busybox"));
        }
        Files.copy(SCRIPT, rootfs.resolve("usr/local/bin/native-image"), StandardCopyOption.REPLACE_EXISTING);
        Files.copy(StandInGraalVm.OPTIONS, rootfs.resolve("usr/local/bin/native-image.options"),
                StandardCopyOption.REPLACE_EXISTING);
        Files.writeString(rootfs.resolve("usr/local/bin/native-image.standin"), "STANDIN_BINARY=/opt/standin/app\n"
                + "STANDIN_RECORD=/scratchpack/target/native-image-invocations.log\nSTANDIN_DELAY=0\n", StandardCharsets.UTF_8);
        StaticBinaries.staticServer(rootfs.resolve("opt/standin"), "app");
        Files.writeString(context.resolve("Containerfile"), "FROM scratch\nCOPY rootfs/ /\nENV PATH=/usr/local/bin:/bin\n",
                StandardCharsets.UTF_8);
    }

    /** Copies the image from podman into a Docker Engine ({@code podman save}, {@code docker load}). */
    public static void copyTo(DockerDaemon daemon, String name, Path context) throws IOException, InterruptedException {
        Path archive = context.resolve("standin-builder.tar");
        ExternalTool.check(Podman.command("save", "--format", "docker-archive", "-o", archive.toString(), name));
        daemon.check("load", "-i", archive.toString());
        Files.delete(archive);
    }

    /** Removes the image. */
    public static void remove(String name) throws IOException, InterruptedException {
        ExternalTool.check(Podman.command("rmi", "-f", name));
    }
}
