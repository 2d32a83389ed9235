package io.github.scratchpack.credentials;

import io.github.scratchpack.network.ProxyRoutes;
import java.util.ArrayList;
import java.util.List;

/** Removes passwords from text that may reach a log, in case a registry, a proxy or a tool echoed them. */
public final class Redaction {
    private Redaction() {
    }

    public static String without(String text, CredentialChain.Lookup lookup, ProxyRoutes proxies) {
        List<String> secrets = new ArrayList<>(proxies.passwords());
        lookup.credential().map(RegistryCredential::password).filter(secret -> !secret.isEmpty()).ifPresent(secrets::add);
        String result = text;
        for (String secret : secrets) {
            result = result.replace(secret, "****");
        }
        return result;
    }
}
