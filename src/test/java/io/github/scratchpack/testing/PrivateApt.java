package io.github.scratchpack.testing;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Optional;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.Assertions;
import org.junit.jupiter.api.Assumptions;

/**
 * apt-get with a configuration of its own under a work directory: its own source entries, package lists and cache,
 * so that tests can fetch Debian source packages while the machine's apt setup is left as it was. Its entries are
 * made from the machine's own {@code deb} entries, so they use the machine's mirror.
 */
public final class PrivateApt {
    private static final Pattern ONE_LINE_URI = Pattern.compile("^deb\\s+(?:\\[[^]]*]\\s+)?(\\S+)", Pattern.MULTILINE);
    private static final Pattern DEB822_URI = Pattern.compile("^URIs:\\s*(\\S+)", Pattern.MULTILINE);

    private final List<String> command;

    private PrivateApt(Path aptGet, Path work, String sourcesList, List<Path> machineParts) throws IOException {
        Path parts = Files.createDirectories(work.resolve("apt/sources.list.d"));
        Files.createDirectories(work.resolve("apt/lists/partial"));
        Files.createDirectories(work.resolve("apt/cache/archives/partial"));
        Path list = work.resolve("apt/sources.list");
        Files.writeString(list, sourcesList, StandardCharsets.UTF_8);
        for (Path file : machineParts) {
            Files.writeString(parts.resolve(file.getFileName()), debSrc(Files.readString(file)), StandardCharsets.UTF_8);
        }
        command = List.of(aptGet.toString(), "-q", "-o", "Dir::Etc::SourceList=" + list, "-o", "Dir::Etc::SourceParts=" + parts,
                "-o", "Dir::State::Lists=" + work.resolve("apt/lists"), "-o", "Dir::Cache=" + work.resolve("apt/cache"));
    }

    /**
     * apt-get whose only entry is the {@code deb-src} entry of another Debian suite, at the machine's first
     * Debian mirror (the first {@code deb} entry whose address does not end in {@code -security}).
     */
    public static PrivateApt suiteSources(Path work, String suite) throws IOException {
        Path aptGet = ExternalTool.require("apt-get");
        List<String> texts = new ArrayList<>();
        Path system = Path.of("/etc/apt/sources.list");
        if (Files.exists(system)) {
            texts.add(Files.readString(system));
        }
        for (Path file : machineParts()) {
            texts.add(Files.readString(file));
        }
        for (String text : texts) {
            for (Pattern pattern : List.of(ONE_LINE_URI, DEB822_URI)) {
                Matcher matcher = pattern.matcher(text);
                while (matcher.find()) {
                    String uri = matcher.group(1);
                    if (!uri.replaceAll("/+$", "").endsWith("-security")) {
                        return new PrivateApt(aptGet, work, "deb-src [signed-by=/usr/share/keyrings/debian-archive-keyring.gpg] "
                                + uri + " " + suite + " main\n", List.of());
                    }
                }
            }
        }
        throw new IOException("The machine's apt sources name no Debian mirror to fetch " + suite + " sources from");
    }

    /**
     * Runs {@code apt-get update}, then downloads the newest version of a source package that the mirror still serves:
     * versions newest first, as the index lists them, taking the first whose files include one matching
     * {@code tarballPattern}. A mirror drops the source of superseded versions while its index still lists them.
     *
     * @param tried collects each version tried, newest first, for the caller's message when none downloads
     * @return the version downloaded, or empty when none of the listed versions downloads
     */
    public Optional<String> downloadNewestSource(String sourcePackage, String tarballPattern, Path directory,
            List<String> tried) throws IOException, InterruptedException {
        run(concat(command, List.of("update")), directory);
        for (String version : versions(sourcePackage, directory)) {
            tried.add(version);
            runIn(concat(command, List.of("source", "--download-only", sourcePackage + "=" + version)), directory);
            if (has(directory, tarballPattern)) {
                return Optional.of(version);
            }
        }
        return Optional.empty();
    }

    /** The source package's versions in the private index, newest first in Debian's version order. */
    private List<String> versions(String sourcePackage, Path directory) throws IOException, InterruptedException {
        List<String> showsrc = new ArrayList<>(command);
        showsrc.set(0, Path.of(command.get(0)).resolveSibling("apt-cache").toString());
        showsrc.addAll(List.of("showsrc", sourcePackage));
        String output = runIn(showsrc, directory).output();
        List<String> versions = new ArrayList<>(new TreeSet<>(Pattern.compile("^Version: (\\S+)$", Pattern.MULTILINE)
                .matcher(output).results().map(match -> match.group(1)).toList()));
        versions.sort(PrivateApt::compareDebianVersions);
        Collections.reverse(versions);
        return versions;
    }

    private static int compareDebianVersions(String first, String second) {
        try {
            return runIn(List.of("dpkg", "--compare-versions", first, "lt", second), Path.of(".")).exitCode() == 0 ? -1
                    : first.equals(second) ? 0 : 1;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    /** Whether the directory holds a file whose name matches the pattern. */
    public static boolean has(Path directory, String pattern) throws IOException {
        try (Stream<Path> files = Files.list(directory)) {
            return files.anyMatch(file -> file.getFileName().toString().matches(pattern));
        }
    }

    /**
     * Fails the test under {@code CI=true}, and skips it elsewhere, because the mirror serves no source of a package.
     */
    public static void noSourceDownloads(String sourcePackage, List<String> tried) {
        String message = "The Debian mirror serves no source of " + sourcePackage + " that downloads; versions tried,"
                + " newest first: " + (tried.isEmpty() ? "none listed in the index" : String.join(", ", tried));
        if ("true".equalsIgnoreCase(System.getenv("CI"))) {
            Assertions.fail(message + " - CI=true, so this test fails instead of skipping");
        }
        Assumptions.abort(message);
    }

    /**
     * Unpacks the one downloaded tarball whose name matches, in the directory it was downloaded to.
     *
     * @return the directory the tarball unpacked into
     */
    public static Path unpack(Path directory, String tarballPattern) throws IOException, InterruptedException {
        Path tarball;
        try (Stream<Path> files = Files.list(directory)) {
            tarball = files.filter(file -> file.getFileName().toString().matches(tarballPattern)).findFirst()
                    .orElseThrow(() -> new IOException("apt-get source left no tarball matching " + tarballPattern + " in " + directory));
        }
        run(List.of("tar", "-xf", tarball.toString()), directory);
        try (Stream<Path> files = Files.list(directory)) {
            return files.filter(Files::isDirectory).findFirst()
                    .orElseThrow(() -> new IOException(tarball + " unpacked into no directory"));
        }
    }

    /** Runs a command in a directory, failing with its output when it fails. */
    public static void run(List<String> command, Path directory) throws IOException, InterruptedException {
        runIn(command, directory).checked(command);
    }

    private static ExternalTool.Result runIn(List<String> command, Path directory) throws IOException, InterruptedException {
        List<String> inDirectory = List.of("sh", "-c", "cd \"$0\" && exec \"$@\"", directory.toString());
        return ExternalTool.run(Duration.ofMinutes(5), concat(inDirectory, command));
    }

    private static List<Path> machineParts() throws IOException {
        Path systemParts = Path.of("/etc/apt/sources.list.d");
        if (!Files.isDirectory(systemParts)) {
            return List.of();
        }
        try (Stream<Path> files = Files.list(systemParts)) {
            return files.filter(f -> f.toString().endsWith(".list") || f.toString().endsWith(".sources")).sorted().toList();
        }
    }

    /** Turns {@code deb} entries into {@code deb-src} ones, in both the one-line and the deb822 formats. */
    private static String debSrc(String sources) {
        StringBuilder out = new StringBuilder();
        for (String line : sources.split("\n", -1)) {
            out.append(line.replaceFirst("^deb\\s", "deb-src ").replaceFirst("^Types:\\s*deb\\s*$", "Types: deb-src")).append('\n');
        }
        return out.toString();
    }

    private static List<String> concat(List<String> first, List<String> second) {
        List<String> all = new ArrayList<>(first);
        all.addAll(second);
        return all;
    }
}
