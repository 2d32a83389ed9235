package io.github.scratchpack.output;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.github.scratchpack.elf.StaticExecutableCheck;
import io.github.scratchpack.image.CaCertificates;
import io.github.scratchpack.image.Image;
import io.github.scratchpack.image.ImageReference;
import io.github.scratchpack.image.ImageSpec;
import io.github.scratchpack.image.Layer;
import io.github.scratchpack.testing.StaticBinaries;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.zip.GZIPInputStream;
import org.apache.commons.compress.archivers.tar.TarArchiveEntry;
import org.apache.commons.compress.archivers.tar.TarArchiveInputStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Reads the layers of a default image back and checks that the runtime user can change nothing but its own. */
class LeastPrivilegeTest {
    private static final Set<String> OWNED_BY_RUNTIME_USER = Set.of("home/nonroot/");
    private static final Set<String> WRITABLE_BY_EVERYONE = Set.of("tmp/");

    @TempDir
    Path dir;

    /**
     * Offers the builder user files with every kind of mode and at targets in and around the runtime user's
     * directories; whatever it accepts goes into the image that the test then checks.
     */
    private static List<String> addWhatTheBuilderTakes(ImageSpec.Builder builder, Path source) {
        List<String> accepted = new ArrayList<>();
        String[] modes = {"777", "775", "666", "664", "646", "622", "755", "750", "700", "644", "640", "600", "444"};
        String[] targets = {"/tmp/x", "/home/nonroot/x", "/home", "/tmp", "/etc", "/app"};
        for (String mode : modes) {
            offer(builder, source, "/etc/app/mode-" + mode, mode, accepted);
        }
        for (String target : targets) {
            offer(builder, source, target, "644", accepted);
        }
        return accepted;
    }

    private static void offer(ImageSpec.Builder builder, Path source, String target, String mode, List<String> accepted) {
        try {
            builder.file(source, target, mode);
            accepted.add(target + " " + mode);
        } catch (IllegalArgumentException refused) {
            // refused files are not in the image; the image's entries are what the test checks
        }
    }

    @Test
    void onlyHomeAndTmpAreWritableByTheRuntimeUser() throws Exception {
        Path binary = StaticBinaries.staticServer(dir, "server");
        Path config = Files.writeString(dir.resolve("app.toml"), "x = 1\n");
        ImageSpec.Builder builder = ImageSpec.builder(binary, StaticExecutableCheck.check(binary), ImageReference.parse("p/least:1"))
                .file(config, "/etc/app/app.toml", "644")
                .certificates(CaCertificates.fromJavaRuntime(Path.of(System.getProperty("java.home"))));
        List<String> accepted = addWhatTheBuilderTakes(builder, config);
        assertTrue(accepted.size() >= 4, "some user files were accepted: " + accepted);
        ImageSpec spec = builder.build();
        Image image = new TarballBuild(dir.resolve("work")).run(spec, dir.resolve("image.tar"), dir.resolve("image.json")).image();

        Map<String, TarArchiveEntry> entries = new LinkedHashMap<>();
        for (Layer layer : image.layers()) {
            try (InputStream in = new GZIPInputStream(Files.newInputStream(layer.blob()));
                 TarArchiveInputStream tar = new TarArchiveInputStream(in)) {
                for (TarArchiveEntry entry = tar.getNextEntry(); entry != null; entry = tar.getNextEntry()) {
                    entries.put(entry.getName(), entry);
                }
            }
        }
        assertTrue(entries.size() > 10, entries.keySet().toString());
        for (TarArchiveEntry entry : entries.values()) {
            String name = entry.getName();
            int mode = entry.getMode() & 07777;
            if (OWNED_BY_RUNTIME_USER.contains(name)) {
                assertEquals(65532, entry.getLongUserId(), name);
                assertEquals(0700, mode, name);
                continue;
            }
            assertEquals(0, entry.getLongUserId(), name + " is not owned by root");
            assertEquals(0, entry.getLongGroupId(), name + " is not in group root");
            assertEquals(0, mode & 06000, name + " is setuid or setgid");
            if (WRITABLE_BY_EVERYONE.contains(name)) {
                assertEquals(01777, mode, name);
            } else {
                assertEquals(0, mode & 0022, name + " is writable by group or others: " + Integer.toOctalString(mode));
            }
        }
        assertEquals(0755, entries.get("app/server").getMode() & 07777);
        assertTrue(entries.containsKey("etc/app/mode-755") && entries.containsKey("etc/app/mode-600"), entries.keySet().toString());

        String user = new ObjectMapper().readTree(image.configBytes()).get("config").get("User").asText();
        assertEquals("65532:65532", user);
        assertFalse(user.equals("0") || user.startsWith("0:") || user.startsWith("root"));
    }
}
