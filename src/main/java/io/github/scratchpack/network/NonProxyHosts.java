package io.github.scratchpack.network;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.regex.Pattern;

/**
 * The hosts that a proxy is not used for, in either of the two usual notations:
 * <ul>
 *   <li>Java's and settings.xml's {@code nonProxyHosts}: patterns separated by {@code |} (or {@code ,}), where
 *       {@code *} stands for any characters, such as {@code localhost|*.corp.example|10.*};</li>
 *   <li>the {@code NO_PROXY} variable: entries separated by {@code ,} (or spaces), each a host name that also covers
 *       its subdomains ({@code corp.example} and {@code .corp.example} both cover {@code registry.corp.example}), an
 *       address, optionally with {@code :port}, or {@code *} for every host.</li>
 * </ul>
 * Both compare names ignoring case, against the registry's host as written in the image reference (no DNS lookup).
 */
public final class NonProxyHosts {
    private final List<Pattern> patterns;

    private NonProxyHosts(List<Pattern> patterns) {
        this.patterns = List.copyOf(patterns);
    }

    /** No exceptions: the proxy is used for every host. */
    public static NonProxyHosts none() {
        return new NonProxyHosts(List.of());
    }

    /** Parses Java's notation, as settings.xml's {@code <nonProxyHosts>} and {@code -Dhttp.nonProxyHosts} use it. */
    public static NonProxyHosts fromJavaPatterns(String value) {
        List<Pattern> patterns = new ArrayList<>();
        for (String entry : entries(value, "[|,]")) {
            patterns.add(Pattern.compile(wildcard(entry) + "(?::[0-9]+)?"));
        }
        return new NonProxyHosts(patterns);
    }

    /** Parses the {@code NO_PROXY} notation. */
    public static NonProxyHosts fromNoProxy(String value) {
        List<Pattern> patterns = new ArrayList<>();
        for (String entry : entries(value, "[,\\s]")) {
            if (entry.equals("*")) {
                patterns.add(Pattern.compile(".*"));
                continue;
            }
            String domain = entry.startsWith("*.") ? entry.substring(2) : entry.startsWith(".") ? entry.substring(1) : entry;
            int colon = domain.lastIndexOf(':');
            String port = colon > 0 && domain.substring(colon + 1).matches("[0-9]+") ? domain.substring(colon) : null;
            String name = port == null ? domain : domain.substring(0, colon);
            patterns.add(Pattern.compile("(?:.*\\.)?" + Pattern.quote(name)
                    + (port == null ? "(?::[0-9]+)?" : Pattern.quote(port))));
        }
        return new NonProxyHosts(patterns);
    }

    /**
     * Whether the proxy is bypassed for a registry.
     *
     * @param registry the registry's host and port
     * @return true when a pattern covers the host (or the host and port)
     */
    public boolean bypasses(RegistryAddress registry) {
        String withPort = registry.host() + ":" + registry.httpsPort();
        return patterns.stream().anyMatch(pattern -> pattern.matcher(withPort).matches());
    }

    private static List<String> entries(String value, String separators) {
        List<String> entries = new ArrayList<>();
        if (value == null) {
            return entries;
        }
        for (String entry : value.split(separators)) {
            String trimmed = entry.strip().toLowerCase(Locale.ROOT);
            if (!trimmed.isEmpty()) {
                entries.add(trimmed);
            }
        }
        return entries;
    }

    private static String wildcard(String pattern) {
        StringBuilder regex = new StringBuilder();
        for (String part : pattern.split("\\*", -1)) {
            if (!regex.isEmpty()) {
                regex.append(".*");
            }
            regex.append(Pattern.quote(part));
        }
        return regex.toString();
    }
}
