package io.github.scratchpack.sbom;

import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;

/**
 * The SPDX license expression of what an image contains, for its {@code org.opencontainers.image.licenses}
 * annotation, which the OCI image spec defines as the "License(s) under which contained software is distributed as an
 * SPDX License Expression".
 *
 * <p>The contained software is the application and every library compiled into its executable, and each of them
 * comes with its own terms, so their licenses are joined with {@code AND}. The licenses that one POM lists are
 * alternatives: Maven's POM reference says that when several are listed the user can select any of them, not that
 * they must accept all. So they are joined with {@code OR}, in parentheses where an {@code AND} follows, since
 * {@code AND} binds tighter in SPDX expression syntax. Each term appears once, and terms and the identifiers in a
 * term are sorted, so that the same licenses give the same text.
 *
 * <p>A license is written by its identifier from the SPDX license list, matched from its name or URL as
 * {@link SpdxLicenses} does for the SBOM. One without an identifier is left out rather than written by its name,
 * which is no SPDX expression, or as a {@code LicenseRef-}, which would mean something only to a document that
 * defines it; {@link #leftOut()} names it for the build log, and the SBOM keeps it as the POM declares it. A component
 * whose licenses are all left out, or unknown, adds no term: the expression then covers less than the image contains.
 *
 * @param expression the expression; empty when no license has an identifier
 * @param leftOut each license left out, as {@code "<name or URL>" of <groupId:artifactId:version>}
 */
public record LicenseExpression(String expression, List<String> leftOut) {

    public LicenseExpression {
        leftOut = List.copyOf(leftOut);
    }

    /**
     * The expression of the given components' licenses.
     *
     * @param components the application and the libraries in its executable
     * @return the expression, and what it leaves out
     */
    public static LicenseExpression of(List<Library> components) {
        Set<Set<String>> terms = new TreeSet<>(LicenseExpression::compare);
        List<String> leftOut = new ArrayList<>();
        for (Library component : components) {
            Set<String> ids = new TreeSet<>();
            for (DeclaredLicense license : component.licenses()) {
                String id = SpdxLicenses.spdxId(license);
                if (id != null) {
                    ids.add(id);
                } else {
                    leftOut.add("\"" + (license.name() != null ? license.name() : license.url()) + "\" of "
                            + component.coordinates());
                }
            }
            if (!ids.isEmpty()) {
                terms.add(ids);
            }
        }
        List<String> written = new ArrayList<>();
        for (Set<String> term : terms) {
            String alternatives = String.join(" OR ", term);
            written.add(term.size() > 1 && terms.size() > 1 ? "(" + alternatives + ")" : alternatives);
        }
        return new LicenseExpression(String.join(" AND ", written), leftOut);
    }

    private static int compare(Set<String> left, Set<String> right) {
        return String.join(" ", left).compareTo(String.join(" ", right));
    }
}
