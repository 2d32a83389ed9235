package io.github.scratchpack.network;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.github.scratchpack.network.ConnectionCheck.Outcome;
import io.github.scratchpack.network.ConnectionCheck.Result;
import java.util.List;
import org.junit.jupiter.api.Test;

class TransportPolicyTest {
    private static TransportPolicy policy(String registry, boolean allowInsecure) {
        return new TransportPolicy(RegistryAddress.parse(registry), allowInsecure);
    }

    @Test
    void loopbackIsDecidedOnTheNameAsWritten() {
        for (String loopback : List.of("localhost:5000", "127.0.0.1:5000", "127.1.2.3", "LOCALHOST")) {
            assertTrue(RegistryAddress.parse(loopback).isLoopback(), loopback);
        }
        for (String remote : List.of("ghcr.io", "127.0.0.1.nip.io:5000", "128.0.0.1", "localhost.example.com",
                "10.0.0.1:5000", "127.0.0.256", "127.0.0")) {
            assertFalse(RegistryAddress.parse(remote).isLoopback(), remote);
        }
    }

    @Test
    void credentialsGoOverPlainHttpOnlyToLoopbackEvenWhenInsecureRegistriesAreAllowed() throws Exception {
        Result plain = new Result(Outcome.PLAIN_HTTP, "");
        assertEquals(new TransportPolicy.Transport(true, true, true), policy("127.0.0.1:5000", false).transportFor(plain));
        assertEquals(new TransportPolicy.Transport(true, false, true), policy("registry.corp:5000", true).transportFor(plain));
        assertFalse(policy("registry.corp:5000", true).credentialsOverPlainHttpAllowed());
        assertTrue(policy("localhost:5000", false).credentialsOverPlainHttpAllowed());
    }

    @Test
    void plainHttpToAnotherMachineIsRefusedUnlessAllowed() {
        PushException failure = assertThrows(PushException.class,
                () -> policy("registry.corp:5000", false).transportFor(new Result(Outcome.PLAIN_HTTP, "")));
        assertTrue(failure.getMessage().contains("scratchpack.allowInsecureRegistries"), failure.getMessage());
    }

    @Test
    void certificatesAreVerifiedEvenOnLoopbackUnlessInsecureRegistriesAreAllowed() throws Exception {
        Result untrusted = new Result(Outcome.TLS_FAILED, "its certificate is not trusted (PKIX)");
        PushException failure = assertThrows(PushException.class,
                () -> policy("127.0.0.1:5000", false).transportFor(untrusted));
        assertTrue(failure.getMessage().startsWith("The TLS connection to the registry 127.0.0.1:5000 failed: its"
                + " certificate is not trusted"), failure.getMessage());
        TransportPolicy.Transport insecure = policy("registry.corp", true).transportFor(untrusted);
        assertEquals(new TransportPolicy.Transport(false, false, false), insecure);
        assertTrue(insecure.failover());
    }

    @Test
    void verifiedTlsNeverFallsBack() throws Exception {
        assertEquals(new TransportPolicy.Transport(false, false, true),
                policy("ghcr.io", false).transportFor(new Result(Outcome.VERIFIED_TLS, "")));
        assertFalse(policy("ghcr.io", false).transportFor(new Result(Outcome.VERIFIED_TLS, "")).failover());
    }

    @Test
    void anUnreachableRegistryIsNamed() {
        PushException failure = assertThrows(PushException.class,
                () -> policy("ghcr.io", false).transportFor(new Result(Outcome.UNREACHABLE, "Connection refused")));
        assertEquals("The registry ghcr.io cannot be reached (Connection refused). Check the host and port in"
                + " scratchpack.image, and that the registry is running.", failure.getMessage());
    }

    @Test
    void settingsServerIdsAreHostAndPortThenHost() {
        assertEquals(List.of("127.0.0.1:5000", "127.0.0.1"), RegistryAddress.parse("127.0.0.1:5000").serverIds());
        assertEquals(List.of("ghcr.io"), RegistryAddress.parse("ghcr.io").serverIds());
        assertEquals("registry-1.docker.io", RegistryAddress.parse("docker.io").apiHost());
    }
}
