package io.github.scratchpack.image;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class SourceStampsTest {
    private static final Instant TIME = Instant.parse("2026-01-01T00:00:00Z");
    private static final String DIFF_ID = "sha256:" + "ab".repeat(32);

    @TempDir
    Path dir;
    private Path executable;
    private LayerContents layer;

    @BeforeEach
    void createExecutable() throws Exception {
        executable = Files.writeString(dir.resolve("app"), "version one", StandardCharsets.UTF_8);
        layer = LayerContents.of("executable", List.of(LayerFile.copyOf(executable, "/app/app", 0755)));
    }

    /** Stamps whose clock runs {@code ahead} of the file system, as if the build ran that long after the last write. */
    private SourceStamps stamps(Duration ahead) throws Exception {
        return new SourceStamps(dir.resolve("stamps"), Clock.offset(Clock.systemUTC().withZone(ZoneOffset.UTC), ahead));
    }

    private void record(SourceStamps stamps) throws Exception {
        stamps.record(layer, TIME, DIFF_ID, stamps.now());
    }

    @Test
    void anUntouchedFileGivesTheRecordedDiffIdWithoutBeingRead() throws Exception {
        record(stamps(Duration.ofSeconds(10)));
        assertEquals(Optional.of(DIFF_ID), stamps(Duration.ofSeconds(20)).diffId(layer, TIME));
    }

    @Test
    void aChangeOfContentIsNeverTakenForTheRecordedOne() throws Exception {
        FileTime modified = Files.getLastModifiedTime(executable);
        record(stamps(Duration.ofSeconds(10)));
        Files.writeString(executable, "version two", StandardCharsets.UTF_8);
        Files.setLastModifiedTime(executable, modified);
        assertEquals(Optional.empty(), stamps(Duration.ofSeconds(20)).diffId(layer, TIME),
                "same size and modification time, but the change time moved");
    }

    @Test
    void aTouchOrOtherLayerSettingsMeanTheFileIsHashedAgain() throws Exception {
        record(stamps(Duration.ofSeconds(10)));
        assertEquals(Optional.empty(), stamps(Duration.ofSeconds(20)).diffId(layer, TIME.plusSeconds(1)));
        LayerContents otherMode = LayerContents.of("executable", List.of(LayerFile.copyOf(executable, "/app/app", 0700)));
        assertEquals(Optional.empty(), stamps(Duration.ofSeconds(20)).diffId(otherMode, TIME));
        Files.setLastModifiedTime(executable, FileTime.from(Instant.now().minusSeconds(3600)));
        assertEquals(Optional.empty(), stamps(Duration.ofSeconds(20)).diffId(layer, TIME));
    }

    @Test
    void aFileChangedJustBeforeTheRecordingIsNotTrusted() throws Exception {
        record(stamps(Duration.ZERO));
        assertEquals(Optional.empty(), stamps(Duration.ofSeconds(20)).diffId(layer, TIME),
                "written in the same instant as recorded: a later write could have the same times");
    }

    @Test
    void layersWithoutFilesOnDiskAreNotStampedAndUnusedStampsAreRemoved() throws Exception {
        SourceStamps stamps = stamps(Duration.ofSeconds(10));
        LayerContents inMemory = LayerContents.of("base", List.of(LayerFile.file("/etc/x", 0644, new byte[] {1})));
        stamps.record(inMemory, TIME, DIFF_ID, stamps.now());
        record(stamps);
        try (var entries = Files.list(dir.resolve("stamps"))) {
            assertEquals(1, entries.count());
        }
        SourceStamps next = stamps(Duration.ofSeconds(20));
        next.retainUsed();
        try (var entries = Files.list(dir.resolve("stamps"))) {
            assertTrue(entries.findAny().isEmpty(), "a stamp nobody used this build is kept");
        }
    }
}
