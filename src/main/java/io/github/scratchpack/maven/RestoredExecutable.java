package io.github.scratchpack.maven;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermission;
import java.util.EnumSet;
import java.util.Set;
import org.apache.maven.artifact.Artifact;
import org.apache.maven.plugin.logging.Log;
import org.apache.maven.project.MavenProject;

/**
 * The executable that a build cache (the Maven Build Cache Extension) restored instead of running native-image: the
 * project carries the attached executable although the <code>native-image</code> goal did not run in this build.
 * A file restored from a remote cache has lost its executable bit; it gets it back, and the log says once where the
 * executable came from.
 */
final class RestoredExecutable {
    private static final String REPORTED = "scratchpack.restored-executable.reported";

    private RestoredExecutable() {
    }

    /** Makes the restored executable executable again and logs where it came from; nothing when native-image ran. */
    static void settle(MavenProject project, Log log) throws IOException {
        if (project.getContextValue(NativeImageMojo.EXECUTABLE_CONTEXT_KEY) != null
                || project.getContextValue(REPORTED) != null) {
            return;
        }
        for (Artifact artifact : project.getAttachedArtifacts()) {
            if (NativeImageMojo.EXECUTABLE_TYPE.equals(artifact.getType()) && artifact.getFile() != null
                    && artifact.getFile().isFile()) {
                Path file = artifact.getFile().toPath();
                boolean bitRestored = makeExecutable(file);
                log.info("Executable " + project.getBasedir().toPath().relativize(file.toAbsolutePath()) + " ("
                        + artifact.getClassifier() + ") came from the build cache with the image: native-image did not"
                        + " run in this build" + (bitRestored ? "; its executable bit, lost on the way, is set again" : ""));
                project.setContextValue(REPORTED, file);
            }
        }
    }

    /** Adds execute permission wherever read permission is; whether anything changed. */
    private static boolean makeExecutable(Path file) throws IOException {
        Set<PosixFilePermission> permissions = EnumSet.copyOf(Files.getPosixFilePermissions(file));
        boolean changed = permissions.add(PosixFilePermission.OWNER_EXECUTE);
        if (permissions.contains(PosixFilePermission.GROUP_READ)) {
            changed |= permissions.add(PosixFilePermission.GROUP_EXECUTE);
        }
        if (permissions.contains(PosixFilePermission.OTHERS_READ)) {
            changed |= permissions.add(PosixFilePermission.OTHERS_EXECUTE);
        }
        if (changed) {
            Files.setPosixFilePermissions(file, permissions);
        }
        return changed;
    }
}
