package io.github.scratchpack.registry;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/**
 * Keeps the three push packages layered one way: {@code registry} (the protocol) may use {@code credentials} and
 * {@code network}, {@code credentials} only {@code network}, and {@code network} nothing of scratchpack's.
 */
class PushPackageLayoutTest {
    private static final Path SOURCES = Path.of("src/main/java/io/github/scratchpack");
    private static final Pattern REFERENCE = Pattern.compile("io\\.github\\.scratchpack\\.(\\w+)\\.");

    @Test
    void networkAndCredentialsNeverReachUpIntoTheProtocol() throws IOException {
        assertEquals(Map.of(), references("network"), "network must not use another scratchpack package");
        assertEquals(Set.of("network"), references("credentials").keySet(), "credentials may use network only");
    }

    /** Which other scratchpack packages the package's sources name, and in which files. */
    private static Map<String, Set<String>> references(String pkg) throws IOException {
        Map<String, Set<String>> used = new TreeMap<>();
        List<Path> files;
        try (Stream<Path> listing = Files.list(SOURCES.resolve(pkg))) {
            files = listing.filter(file -> file.toString().endsWith(".java")).toList();
        }
        assertFalse(files.isEmpty(), SOURCES.resolve(pkg) + " has no sources");
        for (Path file : files) {
            Matcher matcher = REFERENCE.matcher(Files.readString(file, StandardCharsets.UTF_8));
            while (matcher.find()) {
                if (!matcher.group(1).equals(pkg)) {
                    used.computeIfAbsent(matcher.group(1), any -> new TreeSet<>()).add(file.getFileName().toString());
                }
            }
        }
        return used;
    }
}
