package io.github.scratchpack.nativeimage;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.stream.Collectors;

/**
 * Finds the application's main class in the places a project names it, in order: the first place that holds a
 * value wins. A value that still holds an unresolved <code>${...}</code> expression (Spring Boot's parent writes
 * <code>${start-class}</code> into its plugins' configuration whether the property is set or not) holds none.
 */
public final class MainClassSearch {
    private final List<String> places = new ArrayList<>();
    private String found;
    private String foundIn;

    /**
     * Looks at one more place, unless a main class was already found.
     *
     * @param place what the place is, for the log and the failure message, such as {@code the exec.mainClass property}
     * @param value what the place holds, or {@code null}
     * @return this search
     */
    public MainClassSearch look(String place, String value) {
        places.add(place);
        if (found == null && value != null && !value.isBlank() && !value.contains("${")) {
            found = value.trim();
            foundIn = place;
        }
        return this;
    }

    /** Looks at one more place that may hold nothing. */
    public MainClassSearch look(String place, Optional<String> value) {
        return look(place, value.orElse(null));
    }

    /** The main class found, if any. */
    public Optional<String> mainClass() {
        return Optional.ofNullable(found);
    }

    /** Where the main class was found: the place given to {@link #look}. */
    public Optional<String> source() {
        return Optional.ofNullable(foundIn);
    }

    /** Every place looked at, in order, as one phrase for a message. */
    public String placesLookedAt() {
        return places.stream().collect(Collectors.joining(", "));
    }
}
