package io.github.scratchpack.nativeimage;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Enumeration;
import java.util.List;
import java.util.jar.JarEntry;
import java.util.jar.JarFile;
import java.util.regex.Pattern;
import java.util.stream.Stream;

/**
 * The application's own resources, found in its jar or classes directory and written as a
 * {@code resource-config.json} that includes each one: native-image puts a resource into the executable only when
 * configuration names it, and a framework that reads {@code application.yml} or {@code logback.xml} at run time
 * finds nothing otherwise. native-maven-plugin does the same when {@code resources.autodetection.enabled} is set
 * (Micronaut's parent sets it), with the same exclusions: classes, and what in {@code META-INF} is not the
 * application's.
 */
public final class ResourceDetection {
    private static final List<Pattern> EXCLUDED = Stream.of("META-INF/services/.*", "META-INF/native-image/.*",
            "META-INF/maven/.*", "META-INF/LICENSE.*", "META-INF/NOTICE.*", "META-INF/.*[.](md|adoc)",
            "META-INF/INDEX.LIST", ".*/package.html", ".*[.]class").map(Pattern::compile).toList();
    private static final ObjectMapper JSON = new ObjectMapper();

    private ResourceDetection() {
    }

    /** The resource names in a jar or classes directory, sorted, less the excluded ones. */
    public static List<String> resources(Path entry) throws IOException {
        List<String> names = new ArrayList<>();
        if (Files.isDirectory(entry)) {
            try (Stream<Path> files = Files.walk(entry)) {
                files.filter(Files::isRegularFile).map(file -> entry.relativize(file).toString().replace('\\', '/'))
                        .forEach(names::add);
            }
        } else if (Files.isRegularFile(entry)) {
            try (JarFile jar = new JarFile(entry.toFile())) {
                for (Enumeration<JarEntry> entries = jar.entries(); entries.hasMoreElements();) {
                    JarEntry jarEntry = entries.nextElement();
                    if (!jarEntry.isDirectory()) {
                        names.add(jarEntry.getName());
                    }
                }
            }
        }
        return names.stream().filter(name -> EXCLUDED.stream().noneMatch(pattern -> pattern.matcher(name).matches()))
                .sorted().toList();
    }

    /**
     * Writes {@code directory/resource-config.json}, replacing an earlier one, including each resource by its quoted
     * name.
     *
     * @return the directory, to pass with {@code -H:ConfigurationFileDirectories}
     */
    public static Path write(List<String> resources, Path directory) throws IOException {
        Files.createDirectories(directory);
        ObjectNode config = JSON.createObjectNode();
        ArrayNode includes = config.putObject("resources").putArray("includes");
        resources.forEach(name -> includes.addObject().put("pattern", Pattern.quote(name)));
        config.putArray("bundles");
        Files.writeString(directory.resolve("resource-config.json"),
                JSON.writerWithDefaultPrettyPrinter().writeValueAsString(config) + "\n", StandardCharsets.UTF_8);
        return directory;
    }
}
