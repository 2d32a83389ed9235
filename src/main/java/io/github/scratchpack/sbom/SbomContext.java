package io.github.scratchpack.sbom;

import java.nio.file.Path;

/**
 * What the SBOM of an image says beyond the image itself: where its parts came from.
 *
 * @param executable what went into the executable, when this build made it, as {@link ExecutableContents#readFor}
 *     checked it against the file (its digest is taken as the executable's); {@code null} for an executable built
 *     elsewhere, whose contents are unknown
 * @param certificateSource where the CA bundle came from, such as {@code the trust store of the JDK at /usr/lib/jvm/x},
 *     or {@code null} when the image has none
 * @param baseDirectory the project's directory: sources of user files inside it are named relative to it, so that
 *     the SBOM does not depend on where the project was checked out
 * @param pluginVersion the version of the plugin that builds the image
 */
public record SbomContext(ExecutableContents executable, String certificateSource, Path baseDirectory,
                          String pluginVersion) {
}
