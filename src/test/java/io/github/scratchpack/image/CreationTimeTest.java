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
    void acceptsTheEdgesOfTheRange() {
        assertEquals(Instant.EPOCH, CreationTime.resolve("0", null));
        assertEquals(Instant.EPOCH, CreationTime.resolve("1970-01-01T00:00:00Z", null));
        assertEquals(Instant.parse("9999-12-31T23:59:59Z"), CreationTime.resolve("253402300799", null));
        assertEquals(Instant.parse("9999-12-31T23:59:59Z"), CreationTime.resolve("9999-12-31T23:59:59Z", null));
    }

    @Test
    void refusesTimesOutsideTheRange() {
        for (String text : new String[] {"99999999999999", "253402300800", "-1", "1969-12-31T23:59:59Z",
                "+10000-01-01T00:00:00Z", "99999999999999999999999"}) {
            String message = assertThrows(IllegalArgumentException.class, () -> CreationTime.resolve(text, null)).getMessage();
            assertTrue(message.contains("'" + text + "' is outside the times an image can record, 1970-01-01T00:00:00Z"
                    + " to 9999-12-31T23:59:59Z"), message);
        }
        String message = assertThrows(IllegalArgumentException.class, () -> CreationTime.resolve(null, "-5")).getMessage();
        assertTrue(message.contains("The SOURCE_DATE_EPOCH value '-5' is outside"), message);
    }

    @Test
    void refusesText() {
        String message = assertThrows(IllegalArgumentException.class, () -> CreationTime.resolve("yesterday", null)).getMessage();
        assertTrue(message.contains("ISO-8601"), message);
        assertThrows(IllegalArgumentException.class, () -> CreationTime.resolve(null, "soon"));
    }
}
