package io.github.scratchpack.sbom;

import org.cyclonedx.model.License;
import org.cyclonedx.model.LicenseChoice;
import org.cyclonedx.util.LicenseResolver;

/** Licenses as POMs declare them, turned into CycloneDX licenses with an SPDX identifier where one is known. */
final class SpdxLicenses {
    private SpdxLicenses() {
    }

    /**
     * A declared license with its SPDX identifier when the library's license list knows its name or URL (POMs
     * write names such as "The Apache Software License, Version 2.0"); otherwise with the name as written.
     */
    static License of(DeclaredLicense declared) {
        License license = new License();
        String id = spdxId(declared);
        if (id != null) {
            license.setId(id);
        } else {
            license.setName(declared.name() != null ? declared.name() : declared.url());
        }
        license.setUrl(declared.url());
        return license;
    }

    /** The SPDX identifier of a declared license, matched from its name, else its URL; {@code null} when none matches. */
    static String spdxId(DeclaredLicense declared) {
        String id = spdxId(declared.name());
        return id != null ? id : spdxId(declared.url());
    }

    /**
     * Synchronized: the resolver loads its license list lazily into a static field without a guard, and the goals of
     * a parallel build ({@code mvn -T}) run at the same time.
     */
    private static synchronized String spdxId(String nameOrUrl) {
        if (nameOrUrl == null) {
            return null;
        }
        LicenseChoice resolved = LicenseResolver.resolve(nameOrUrl, false);
        if (resolved == null || resolved.getLicenses() == null || resolved.getLicenses().size() != 1) {
            return null;
        }
        return resolved.getLicenses().get(0).getId();
    }
}
