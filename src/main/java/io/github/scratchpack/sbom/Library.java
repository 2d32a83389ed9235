package io.github.scratchpack.sbom;

import com.github.packageurl.MalformedPackageURLException;
import com.github.packageurl.PackageURLBuilder;
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

    /**
     * The Maven package URL, such as {@code pkg:maven/org.slf4j/slf4j-api@2.0.16}; the type is written when it is
     * not {@code jar}, and the classifier when there is one.
     *
     * @param groupId the group
     * @param artifactId the artifact
     * @param version the version
     * @param type the type
     * @param classifier the classifier, or {@code null}
     * @return the package URL in its canonical form
     */
    public static String purl(String groupId, String artifactId, String version, String type, String classifier) {
        try {
            PackageURLBuilder builder = PackageURLBuilder.aPackageURL().withType("maven").withNamespace(groupId)
                    .withName(artifactId).withVersion(version);
            if (type != null && !type.isEmpty() && !type.equals("jar")) {
                builder.withQualifier("type", type);
            }
            if (classifier != null && !classifier.isEmpty()) {
                builder.withQualifier("classifier", classifier);
            }
            return builder.build().canonicalize();
        } catch (MalformedPackageURLException e) {
            throw new IllegalArgumentException("The Maven coordinates " + groupId + ":" + artifactId + ":" + version
                    + " make no valid package URL: " + e.getMessage(), e);
        }
    }

    /** This library's package URL; see {@link #purl(String, String, String, String, String)}. */
    public String purl() {
        return purl(groupId, artifactId, version, type, classifier);
    }
}
