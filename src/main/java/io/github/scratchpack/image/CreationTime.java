package io.github.scratchpack.image;

import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.DateTimeException;

/** Decides the creation time stamped on an image, so that builds of the same inputs are identical. */
public final class CreationTime {
    /**
     * The latest time accepted: the last second with a four-digit year. Later ones are written as {@code +10000-...},
     * which the RFC 3339 dates of image configs cannot hold and clients refuse to load.
     */
    public static final Instant LATEST = Instant.parse("9999-12-31T23:59:59Z");

    private CreationTime() {
    }

    /**
     * The creation time: the configured value when set, else {@code SOURCE_DATE_EPOCH}, else the Unix epoch.
     *
     * @param configured ISO-8601 such as {@code 2026-01-01T00:00:00Z}, or seconds since the epoch; may be blank
     * @param sourceDateEpoch the {@code SOURCE_DATE_EPOCH} environment variable; may be blank
     * @return the time, in whole seconds, from 1970-01-01T00:00:00Z to {@link #LATEST}
     * @throws IllegalArgumentException with a message for the user when a value cannot be read or is out of range
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
        Instant time;
        try {
            time = text.matches("-?[0-9]+") ? Instant.ofEpochSecond(Long.parseLong(text))
                    : Instant.ofEpochSecond(OffsetDateTime.parse(text).toEpochSecond());
        } catch (NumberFormatException e) {
            throw outOfRange(text, where);
        } catch (DateTimeException e) {
            throw new IllegalArgumentException("The " + where + " value '" + text + "' is not a time. Write it as"
                    + " ISO-8601, such as 2026-01-01T00:00:00Z, or as seconds since 1970.", e);
        }
        if (time.isBefore(Instant.EPOCH) || time.isAfter(LATEST)) {
            throw outOfRange(text, where);
        }
        return time;
    }

    private static IllegalArgumentException outOfRange(String text, String where) {
        return new IllegalArgumentException("The " + where + " value '" + text + "' is outside the times an image can"
                + " record, 1970-01-01T00:00:00Z to " + LATEST + " (0 to " + LATEST.getEpochSecond() + " seconds)."
                + " Write a time in that range, such as 2026-01-01T00:00:00Z.");
    }
}
