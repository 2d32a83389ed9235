package io.github.scratchpack.sbom;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import org.junit.jupiter.api.Test;

/**
 * The image's licenses annotation as the OCI image spec defines it: an SPDX license expression. Each expression is
 * parsed by the SPDX expression grammar below, its identifiers are checked against the SPDX license list that
 * cyclonedx-core-java carries (one {@code licenses/<id>.txt} per listed license), and what it means is compared.
 */
class LicenseExpressionTest {
    private static final DeclaredLicense APACHE = new DeclaredLicense("The Apache Software License, Version 2.0",
            "https://www.apache.org/licenses/LICENSE-2.0.txt");
    private static final DeclaredLicense MIT = new DeclaredLicense("MIT License", null);
    private static final DeclaredLicense EPL_BY_URL = new DeclaredLicense(null, "https://www.eclipse.org/legal/epl-2.0");
    /** As Jakarta's POMs write it; the license list's identifier for it is a deprecated one, still on the list. */
    private static final DeclaredLicense GPL_CPE = new DeclaredLicense(
            "GNU General Public License, version 2 with the GNU Classpath Exception", null);
    private static final DeclaredLicense CUSTOM = new DeclaredLicense("Example Corp Source Licence",
            "https://example.com/licence");

    @Test
    void licensesOfSeveralComponentsAllApplyAndOnePomsLicensesAreAlternatives() {
        LicenseExpression expression = LicenseExpression.of(List.of(
                library("app", List.of(MIT)),
                library("lang", List.of(APACHE)),
                library("io", List.of(new DeclaredLicense("Apache-2.0", null))),
                library("dual", List.of(EPL_BY_URL, GPL_CPE)),
                library("also-dual", List.of(GPL_CPE, EPL_BY_URL)),
                library("undeclared", List.of())));

        assertEquals("Apache-2.0 AND (EPL-2.0 OR GPL-2.0-with-classpath-exception) AND MIT", expression.expression());
        assertEquals(Set.of(Set.of("MIT"), Set.of("Apache-2.0"), Set.of("EPL-2.0", "GPL-2.0-with-classpath-exception")),
                new SpdxExpression(expression.expression()).conjunctionOfAlternatives());
        assertEquals(List.of(), expression.leftOut());
    }

    @Test
    void aLicenseWithoutAnSpdxIdentifierIsLeftOutAndNamed() {
        LicenseExpression expression = LicenseExpression.of(List.of(
                library("app", List.of(MIT)),
                library("custom", List.of(CUSTOM)),
                library("custom-or-apache", List.of(CUSTOM, APACHE))));

        assertEquals("Apache-2.0 AND MIT", expression.expression());
        new SpdxExpression(expression.expression());
        assertEquals(List.of("\"Example Corp Source Licence\" of it.example:custom:1.0",
                "\"Example Corp Source Licence\" of it.example:custom-or-apache:1.0"), expression.leftOut());
    }

    @Test
    void oneComponentWithAlternativesNeedsNoParentheses() {
        String expression = LicenseExpression.of(List.of(library("app", List.of(MIT, APACHE)))).expression();
        assertEquals("Apache-2.0 OR MIT", expression);
        assertEquals(Set.of(Set.of("Apache-2.0", "MIT")), new SpdxExpression(expression).conjunctionOfAlternatives());
        assertEquals("", LicenseExpression.of(List.of(library("app", List.of(CUSTOM)))).expression());
    }

    private static Library library(String artifactId, List<DeclaredLicense> licenses) {
        return new Library("it.example", artifactId, "1.0", "jar", null, null, licenses, List.of());
    }

    /**
     * An SPDX license expression, parsed by the grammar of SPDX specification annex D: {@code compound = simple |
     * simple WITH exception | compound AND compound | compound OR compound | ( compound )}, where {@code AND} binds
     * tighter than {@code OR}. Fails the test on anything else, or on an identifier that is not on the license list.
     */
    private static final class SpdxExpression {
        private final List<String> tokens = new ArrayList<>();
        private int next;
        /** The expression in conjunctive form, when it is an AND of ORs of identifiers. */
        private final Set<Set<String>> conjunction;

        SpdxExpression(String text) {
            for (String token : text.replace("(", " ( ").replace(")", " ) ").trim().split("\\s+")) {
                tokens.add(token);
            }
            conjunction = or();
            assertEquals(tokens.size(), next, "trailing tokens in " + text);
        }

        Set<Set<String>> conjunctionOfAlternatives() {
            return conjunction;
        }

        /** {@code or = and (OR and)*}: the alternatives of terms that are each one set of alternatives. */
        private Set<Set<String>> or() {
            List<Set<Set<String>>> alternatives = new ArrayList<>();
            alternatives.add(and());
            while (peek("OR")) {
                next++;
                alternatives.add(and());
            }
            if (alternatives.size() == 1) {
                return alternatives.get(0);
            }
            Set<String> union = new HashSet<>();
            for (Set<Set<String>> alternative : alternatives) {
                assertEquals(1, alternative.size(), "an OR of ANDs is no conjunction of alternatives");
                union.addAll(alternative.iterator().next());
            }
            return Set.of(union);
        }

        /** {@code and = primary (AND primary)*}. */
        private Set<Set<String>> and() {
            Set<Set<String>> terms = new HashSet<>(primary());
            while (peek("AND")) {
                next++;
                terms.addAll(primary());
            }
            return terms;
        }

        /** {@code primary = ( or ) | license-id [+] [WITH exception-id]}. */
        private Set<Set<String>> primary() {
            assertTrue(next < tokens.size(), "the expression ends too early");
            String token = tokens.get(next++);
            if (token.equals("(")) {
                Set<Set<String>> inner = or();
                assertTrue(peek(")"), "unbalanced parenthesis");
                next++;
                return inner;
            }
            assertTrue(token.matches("[A-Za-z0-9.-]+\\+?"), "not an SPDX identifier: " + token);
            assertTrue(!List.of("AND", "OR", "WITH").contains(token), "operator where an identifier belongs: " + token);
            String id = token.endsWith("+") ? token.substring(0, token.length() - 1) : token;
            assertNotNull(Optional.ofNullable(getClass().getResource("/licenses/" + id + ".txt"))
                    .orElse(getClass().getResource("/licenses/deprecated_" + id + ".txt")),
                    id + " is not on the SPDX license list");
            assertTrue(!peek("WITH"), "WITH is not expected here");
            return Set.of(Set.of(id));
        }

        private boolean peek(String token) {
            return next < tokens.size() && tokens.get(next).equals(token);
        }
    }
}
