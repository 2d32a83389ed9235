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
 * @param licenses the licenses its POM declares, in the POM's order; empty when it declares none
 * @param dependencies the package URLs of the libraries it depends on directly
 */
public record Library(String groupId, String artifactId, String version, String type, String classifier,
                      String digest, List<DeclaredLicense> licenses, List<String> dependencies) {

    public Library {
        licenses = licenses == null ? List.of() : List.copyOf(licenses);
        dependencies = dependencies == null ? List.of() : dependencies.stream().sorted().distinct().toList();
    }

    /** This library's package URL; see {@link PackageUrls#maven}. */
    public String purl() {
        return PackageUrls.maven(groupId, artifactId, version, type, classifier);
    }
}
