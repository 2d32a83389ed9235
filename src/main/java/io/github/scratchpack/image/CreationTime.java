package io.github.scratchpack.image;

import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.DateTimeException;

/** Decides the creation time stamped on an image, so that builds of the same inputs are identical. */
public final class CreationTime {
    private CreationTime() {
    }

    /**
     * The creation time: the configured value when set, else {@code SOURCE_DATE_EPOCH}, else the Unix epoch.
     *
     * @param configured ISO-8601 such as {@code 2026-01-01T00:00:00Z}, or seconds since the epoch; may be blank
     * @param sourceDateEpoch the {@code SOURCE_DATE_EPOCH} environment variable; may be blank
     * @return the time, in whole seconds
     * @throws IllegalArgumentException with a message for the user when a value cannot be read
     */
    public static Instant resolve(String configured, String sourceDateEpoch) {
        if (configured != null && !configured.isBlank()) {
            return parse(configured.trim(), "creationTime (or project.build.outputTimestamp)");
        }
        if (sourceDateEpoch != null && !sourceDateEpoch.isBlank()) {
            return parse(sourceDateEpoch.trim(), "SOURCE_DATE_EPOCH");
        }
        return Instant.EPOCH;
    }

    private static Instant parse(String text, String where) {
        try {
            if (text.matches("-?[0-9]+")) {
                return Instant.ofEpochSecond(Long.parseLong(text));
            }
            return Instant.ofEpochSecond(OffsetDateTime.parse(text).toEpochSecond());
        } catch (DateTimeException | NumberFormatException e) {
            throw new IllegalArgumentException("The " + where + " value '" + text + "' is not a time. Write it as"
                    + " ISO-8601, such as 2026-01-01T00:00:00Z, or as seconds since 1970.", e);
        }
    }
}
