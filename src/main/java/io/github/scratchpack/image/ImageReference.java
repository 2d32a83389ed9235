package io.github.scratchpack.image;

import java.util.Locale;
import java.util.Objects;
import java.util.regex.Pattern;

/**
 * A parsed image reference such as {@code ghcr.io/acme/app:1.0} or {@code 127.0.0.1:5000/demo/app:1.0}, checked
 * against the grammar that Docker and the distribution registry use.
 *
 * @param registry the registry host and port as written, or {@code null} when the reference names none
 * @param repository the repository path, without the registry
 * @param tag the tag; {@code latest} when the reference names none
 */
public record ImageReference(String registry, String repository, String tag) {
    /** The registry that references without a registry part go to. */
    public static final String DEFAULT_REGISTRY = "docker.io";
    private static final int MAX_NAME_LENGTH = 255;
    private static final Pattern COMPONENT = Pattern.compile("[a-z0-9]+(?:(?:[._]|__|-+)[a-z0-9]+)*");
    private static final Pattern TAG = Pattern.compile("[A-Za-z0-9_][A-Za-z0-9_.-]{0,127}");
    private static final Pattern HOST = Pattern.compile(
            "(?:[A-Za-z0-9](?:[A-Za-z0-9-]*[A-Za-z0-9])?)(?:\\.[A-Za-z0-9](?:[A-Za-z0-9-]*[A-Za-z0-9])?)*(?::[0-9]{1,5})?");

    /**
     * Parses a reference.
     *
     * @param text the reference as the user wrote it
     * @return the parsed reference
     * @throws IllegalArgumentException with a message for the user when the reference is malformed
     */
    public static ImageReference parse(String text) {
        if (text == null || text.isBlank()) {
            throw invalid(String.valueOf(text), "it is empty");
        }
        if (text.contains("@")) {
            throw invalid(text, "it names a digest; scratchpack writes images by tag, so give name:tag");
        }
        String rest = text;
        String registry = null;
        int slash = rest.indexOf('/');
        if (slash > 0) {
            String first = rest.substring(0, slash);
            if (first.contains(".") || first.contains(":") || first.equals("localhost")) {
                if (!HOST.matcher(first).matches()) {
                    throw invalid(text, "the registry host '" + first + "' is not a valid host[:port]");
                }
                int port = first.indexOf(':');
                if (port >= 0 && !validPort(first.substring(port + 1))) {
                    throw invalid(text, "the registry port " + first.substring(port + 1) + " is out of range; ports are"
                            + " 1 to 65535");
                }
                registry = first;
                rest = rest.substring(slash + 1);
            }
        }
        String tag = "latest";
        int colon = rest.lastIndexOf(':');
        if (colon >= 0) {
            tag = rest.substring(colon + 1);
            rest = rest.substring(0, colon);
            if (!TAG.matcher(tag).matches()) {
                throw invalid(text, "the tag '" + tag + "' is not valid: a tag is 1 to 128 letters, digits, '_', '.'"
                        + " or '-', and does not start with '.' or '-'");
            }
        }
        if (rest.isEmpty()) {
            throw invalid(text, "it has no repository name");
        }
        for (String component : rest.split("/", -1)) {
            if (!COMPONENT.matcher(component).matches()) {
                throw invalid(text, "the repository part '" + component + "' must be lower-case letters and digits,"
                        + " separated by '.', '_', '__' or '-'" + (component.equals(component.toLowerCase(Locale.ROOT))
                        ? "" : "; it has upper-case letters, so write '" + rest.toLowerCase(Locale.ROOT) + "'"));
            }
        }
        String name = registry == null ? rest : registry + "/" + rest;
        if (name.length() > MAX_NAME_LENGTH) {
            throw invalid(text, "its name is " + name.length() + " characters long; the limit is " + MAX_NAME_LENGTH);
        }
        return new ImageReference(registry, rest, tag);
    }

    private static boolean validPort(String digits) {
        int port = Integer.parseInt(digits);
        return port >= 1 && port <= 65535;
    }

    private static IllegalArgumentException invalid(String text, String why) {
        return new IllegalArgumentException("The image reference '" + text + "' is not valid: " + why + ". Write it as"
                + " [registry/]name[:tag] in lower case, such as ghcr.io/acme/app:1.0, in scratchpack.image or tags.");
    }

    /** The same repository with another tag, checked like a parsed one. */
    public ImageReference withTag(String newTag) {
        return parse(name() + ":" + newTag);
    }

    /** The registry and repository, as written, without the tag. */
    public String name() {
        return registry == null ? repository : registry + "/" + repository;
    }

    /** The registry this reference is pushed to, {@code docker.io} when none is written. */
    public String effectiveRegistry() {
        return registry == null ? DEFAULT_REGISTRY : registry;
    }

    /** The fully qualified form that containerd records, such as {@code docker.io/library/app:1.0}. */
    public String fullyQualified() {
        String path = registry == null && !repository.contains("/") ? "library/" + repository : repository;
        return effectiveRegistry() + "/" + path + ":" + tag;
    }

    /** The reference as {@code name:tag}. */
    @Override
    public String toString() {
        return name() + ":" + tag;
    }

    // equals and hashCode are written out: a record's own are linked through invokedynamic on first use, which
    // cost a fresh JVM about 20 ms of method-handle spinning the first time a reference went into a set.

    @Override
    public boolean equals(Object other) {
        return other instanceof ImageReference reference && Objects.equals(registry, reference.registry)
                && Objects.equals(repository, reference.repository) && Objects.equals(tag, reference.tag);
    }

    @Override
    public int hashCode() {
        return Objects.hash(registry, repository, tag);
    }
}
