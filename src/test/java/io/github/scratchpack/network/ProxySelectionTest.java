package io.github.scratchpack.network;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/** The documented order of proxy sources, and the exceptions each source brings. */
class ProxySelectionTest {
    private static final RegistryAddress GHCR = RegistryAddress.parse("ghcr.io");
    private static final ProxySelection.ConfiguredProxy HTTP_PROXY = new ProxySelection.ConfiguredProxy("plain", "http",
            "proxy.corp", 3128, "u", "p", "*.corp|localhost");
    private static final ProxySelection.ConfiguredProxy HTTPS_PROXY = new ProxySelection.ConfiguredProxy("tls", "https",
            "secure.corp", 8443, null, null, null);

    private static String chosen(ProxySelection selection, String scheme, RegistryAddress registry) throws PushException {
        return selection.select(scheme, registry).map(proxy -> proxy.host() + ":" + proxy.port() + " " + proxy.origin())
                .orElse("direct");
    }

    @Test
    void settingsProxyForTheSchemeWinsOverTheFirstActiveOneAndOverPropertiesAndVariables() throws PushException {
        ProxySelection selection = new ProxySelection(List.of(HTTP_PROXY, HTTPS_PROXY),
                Map.of("https.proxyHost", "prop.corp"), Map.of("HTTPS_PROXY", "http://env.corp:1"));
        assertEquals("secure.corp:8443 settings.xml <proxy> tls", chosen(selection, "https", GHCR));
        assertEquals("proxy.corp:3128 settings.xml <proxy> plain", chosen(selection, "http", GHCR));
        assertEquals("proxy.corp:3128 settings.xml <proxy> plain",
                chosen(new ProxySelection(List.of(HTTP_PROXY), Map.of(), Map.of()), "https", GHCR));
    }

    @Test
    void settingsNonProxyHostsMakeTheConnectionDirectWithoutAskingLaterSources() throws PushException {
        ProxySelection selection = new ProxySelection(List.of(HTTP_PROXY), Map.of(),
                Map.of("HTTPS_PROXY", "http://env.corp:1"));
        assertEquals("direct", chosen(selection, "https", RegistryAddress.parse("registry.corp:5000")));
        assertEquals("direct", chosen(selection, "https", RegistryAddress.parse("localhost:5000")));
        assertEquals("proxy.corp:3128 settings.xml <proxy> plain",
                chosen(selection, "https", RegistryAddress.parse("corp.example")));
    }

    @Test
    void systemPropertiesComeBeforeTheEnvironmentWithJavasDefaultPorts() throws PushException {
        ProxySelection selection = new ProxySelection(List.of(), Map.of("https.proxyHost", "prop.corp",
                "http.proxyHost", "plain.corp", "http.proxyPort", "8080", "http.nonProxyHosts", "*.internal"),
                Map.of("HTTPS_PROXY", "http://env.corp:1"));
        assertEquals("prop.corp:443 -Dhttps.proxyHost", chosen(selection, "https", GHCR));
        assertEquals("plain.corp:8080 -Dhttp.proxyHost", chosen(selection, "http", GHCR));
        assertEquals("direct", chosen(selection, "https", RegistryAddress.parse("registry.internal")));
        PushException badPort = assertThrows(PushException.class, () -> new ProxySelection(List.of(),
                Map.of("https.proxyHost", "prop.corp", "https.proxyPort", "99999"), Map.of()).select("https", GHCR));
        assertEquals("The proxy port -Dhttps.proxyPort=99999 that goes with -Dhttps.proxyHost is not a port (1 to"
                + " 65535). Fix it in MAVEN_OPTS or .mvn/jvm.config.", badPort.getMessage());
    }

    @Test
    void httpsFallsBackToHttpProxyVariablesButPlainHttpNeverUsesHttpsProxy() throws PushException {
        assertEquals("upper.corp:3128 HTTPS_PROXY", chosen(new ProxySelection(List.of(), Map.of(),
                Map.of("HTTPS_PROXY", "upper.corp:3128", "https_proxy", "http://lower.corp:1")), "https", GHCR));
        assertEquals("lower.corp:1 https_proxy", chosen(new ProxySelection(List.of(), Map.of(),
                Map.of("https_proxy", "http://lower.corp:1", "HTTP_PROXY", "http://plain.corp:2")), "https", GHCR));
        assertEquals("plain.corp:80 HTTP_PROXY", chosen(new ProxySelection(List.of(), Map.of(),
                Map.of("HTTP_PROXY", "http://plain.corp")), "https", GHCR));
        assertEquals("direct", chosen(new ProxySelection(List.of(), Map.of(),
                Map.of("HTTPS_PROXY", "http://tls.corp:1")), "http", GHCR));
        assertEquals("direct", chosen(ProxySelection.direct(), "https", GHCR));
    }

    @Test
    void noProxyCoversDomainsWithOrWithoutALeadingDotPortsAndEverythingWithAStar() throws PushException {
        Map<String, String> proxy = Map.of("HTTPS_PROXY", "http://env.corp:1");
        assertEquals("direct", chosen(withNoProxy(proxy, "example.com, .corp.example"), "https",
                RegistryAddress.parse("registry.example.com")));
        assertEquals("direct", chosen(withNoProxy(proxy, "example.com"), "https", RegistryAddress.parse("example.com")));
        assertEquals("direct", chosen(withNoProxy(proxy, ".corp.example"), "https",
                RegistryAddress.parse("a.b.corp.example:5000")));
        assertEquals("env.corp:1 HTTPS_PROXY", chosen(withNoProxy(proxy, "example.com"), "https",
                RegistryAddress.parse("notexample.com")));
        assertEquals("direct", chosen(withNoProxy(proxy, "registry.corp:5000"), "https",
                RegistryAddress.parse("registry.corp:5000")));
        assertEquals("env.corp:1 HTTPS_PROXY", chosen(withNoProxy(proxy, "registry.corp:5000"), "https",
                RegistryAddress.parse("registry.corp:5001")));
        assertEquals("direct", chosen(withNoProxy(proxy, "*"), "https", GHCR));
        assertEquals("direct", chosen(new ProxySelection(List.of(), Map.of(),
                Map.of("HTTPS_PROXY", "http://env.corp:1", "no_proxy", "ghcr.io")), "https", GHCR));
    }

    @Test
    void aRegistryOnThisMachineIsNeverProxied() throws PushException {
        ProxySelection everything = new ProxySelection(List.of(HTTPS_PROXY), Map.of("https.proxyHost", "prop.corp"),
                Map.of("HTTPS_PROXY", "http://env.corp:1"));
        for (String local : List.of("localhost:5000", "127.0.0.1:5000", "127.1.2.3")) {
            assertEquals("direct", chosen(everything, "https", RegistryAddress.parse(local)), local);
            assertEquals("direct", chosen(everything, "http", RegistryAddress.parse(local)), local);
        }
        assertEquals("secure.corp:8443 settings.xml <proxy> tls",
                chosen(everything, "https", RegistryAddress.parse("127.0.0.1.example:5000")));
    }

    @Test
    void javaPatternsMatchWholeHostsWithStarsAndIgnoreCase() {
        NonProxyHosts hosts = NonProxyHosts.fromJavaPatterns("*.Corp.example|10.0.*, localhost");
        assertTrue(hosts.bypasses(RegistryAddress.parse("registry.corp.example:5000")));
        assertTrue(hosts.bypasses(RegistryAddress.parse("10.0.3.4")));
        assertTrue(hosts.bypasses(RegistryAddress.parse("localhost:5000")));
        assertFalse(hosts.bypasses(RegistryAddress.parse("corp.example")));
        assertFalse(hosts.bypasses(RegistryAddress.parse("110.0.3.4")));
        assertFalse(NonProxyHosts.none().bypasses(GHCR));
    }

    @Test
    void proxyUrlsCarryPercentEncodedCredentialsAndBadOnesAreRefusedWithoutQuotingThem() throws PushException {
        HttpProxy proxy = HttpProxy.fromUrl("http://me%40corp:p%3Ass+w@proxy.corp:3128/", "HTTPS_PROXY");
        assertEquals(List.of("proxy.corp", 3128, "me@corp", "p:ss+w"),
                List.of(proxy.host(), proxy.port(), proxy.username(), proxy.password()));
        assertEquals("proxy.corp:3128 (from HTTPS_PROXY)", proxy.toString());
        assertEquals(Optional.of("Basic bWVAY29ycDpwOnNzK3c="), Optional.of(proxy.basicAuthorization()));
        for (String bad : List.of("https://u:s3cret@proxy.corp:3128", "socks5://u:s3cret@proxy.corp:1080",
                "http://u:s3cret@proxy.corp:3128/path", "http://u:s3cret@:3128", "http://u:s3cret@proxy corp")) {
            PushException refused = assertThrows(PushException.class, () -> HttpProxy.fromUrl(bad, "HTTPS_PROXY"), bad);
            assertTrue(refused.getMessage().startsWith("The proxy in HTTPS_PROXY cannot be used: "), refused.getMessage());
            assertTrue(refused.getMessage().endsWith("Write it as http://[user:password@]host:port."));
            assertFalse(refused.getMessage().contains("s3cret"), refused.getMessage());
        }
    }

    private static ProxySelection withNoProxy(Map<String, String> variables, String noProxy) {
        HashMap<String, String> environment = new HashMap<>(variables);
        environment.put("NO_PROXY", noProxy);
        return new ProxySelection(List.of(), Map.of(), environment);
    }
}
