package io.github.scratchpack.image;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Instant;
import org.junit.jupiter.api.Test;

class CreationTimeTest {
    @Test
    void configuredValueWinsThenSourceDateEpochThenEpoch() {
        assertEquals(Instant.parse("2026-01-01T00:00:00Z"), CreationTime.resolve("2026-01-01T00:00:00Z", "5"));
        assertEquals(Instant.parse("2026-01-01T01:00:00Z"), CreationTime.resolve("2026-01-01T02:00:00+01:00", null));
        assertEquals(Instant.ofEpochSecond(1700000000), CreationTime.resolve("1700000000", null));
        assertEquals(Instant.ofEpochSecond(5), CreationTime.resolve(null, "5"));
        assertEquals(Instant.ofEpochSecond(5), CreationTime.resolve(" ", "5"));
        assertEquals(Instant.EPOCH, CreationTime.resolve(null, null));
    }

    @Test
    void refusesText() {
        String message = assertThrows(IllegalArgumentException.class, () -> CreationTime.resolve("yesterday", null)).getMessage();
        assertTrue(message.contains("ISO-8601"), message);
        assertThrows(IllegalArgumentException.class, () -> CreationTime.resolve(null, "soon"));
    }
}
