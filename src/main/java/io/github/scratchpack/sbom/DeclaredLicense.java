package io.github.scratchpack.sbom;

/**
 * A license as a POM declares it.
 *
 * @param name its name, such as {@code Apache-2.0} or {@code The Apache Software License, Version 2.0}, or {@code null}
 * @param url where its text is, or {@code null}
 */
public record DeclaredLicense(String name, String url) {
}
