package io.github.scratchpack.sbom;

import com.github.packageurl.MalformedPackageURLException;
import com.github.packageurl.PackageURLBuilder;
import io.github.scratchpack.image.ImageReference;

/** Package URLs (purls), in the canonical form of the package-url library, for Maven artifacts and OCI images. */
public final class PackageUrls {
    private PackageUrls() {
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
    public static String maven(String groupId, String artifactId, String version, String type, String classifier) {
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

    /**
     * The OCI package URL of an image by digest, with where it is pushed and its tag, such as
     * {@code pkg:oci/app@sha256%3Aabc?repository_url=ghcr.io%2Facme%2Fapp&tag=1.0}.
     *
     * @param reference the image reference
     * @param digest the image digest
     * @return the package URL in its canonical form
     */
    public static String oci(ImageReference reference, String digest) {
        String repository = reference.fullyQualified();
        repository = repository.substring(0, repository.length() - reference.tag().length() - 1);
        String name = repository.substring(repository.lastIndexOf('/') + 1);
        try {
            return PackageURLBuilder.aPackageURL().withType("oci").withName(name).withVersion(digest)
                    .withQualifier("repository_url", repository).withQualifier("tag", reference.tag()).build().canonicalize();
        } catch (MalformedPackageURLException e) {
            throw new IllegalArgumentException("The image reference " + reference + " makes no valid package URL: "
                    + e.getMessage(), e);
        }
    }
}
