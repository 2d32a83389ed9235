package io.github.scratchpack.sbom;

import java.util.List;

/**
 * A Maven artifact that went into an executable.
 *
 * @param groupId the group
 * @param artifactId the artifact
 * @param version the version, as resolved
 * @param type the type, such as {@code jar}
 * @param classifier the classifier, or {@code null}
 * @param digest the {@code sha256:<hex>} digest of the artifact's file, or {@code null} when it was a directory
 * @param licenses the licenses its POM declares, itself or through its parents, in the POM's order; empty when it
 *                 declares none or its POM could not be read
 * @param licensesUnknown why its POM could not be read, so that its licenses are unknown; {@code null} when it was read
 * @param dependencies the package URLs of the libraries it depends on directly
 */
public record Library(String groupId, String artifactId, String version, String type, String classifier,
                      String digest, List<DeclaredLicense> licenses, String licensesUnknown, List<String> dependencies) {

    public Library {
        licenses = licenses == null ? List.of() : List.copyOf(licenses);
        dependencies = dependencies == null ? List.of() : dependencies.stream().sorted().distinct().toList();
    }

    /** A library whose POM was read: its licenses are the ones given. */
    public Library(String groupId, String artifactId, String version, String type, String classifier, String digest,
                   List<DeclaredLicense> licenses, List<String> dependencies) {
        this(groupId, artifactId, version, type, classifier, digest, licenses, null, dependencies);
    }

    /** This library's package URL; see {@link PackageUrls#maven}. */
    public String purl() {
        return PackageUrls.maven(groupId, artifactId, version, type, classifier);
    }

    /** {@code groupId:artifactId:version}, as a log names it. */
    public String coordinates() {
        return groupId + ":" + artifactId + ":" + version;
    }
}
