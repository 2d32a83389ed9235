package io.github.scratchpack.registry;

/** Removes a credential's password from text that may reach a log, in case a registry or tool echoed it. */
final class Redaction {
    private Redaction() {
    }

    static String without(String text, CredentialChain.Lookup lookup) {
        return lookup.credential().map(RegistryCredential::password).filter(secret -> !secret.isEmpty())
                .map(secret -> text.replace(secret, "****")).orElse(text);
    }
}
