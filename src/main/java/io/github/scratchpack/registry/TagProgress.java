package io.github.scratchpack.registry;

import java.util.List;

/**
 * Which tags point at the pushed image when a push stops: the manifest goes to each tag in turn, so a failure at
 * the second tag leaves the first one changed.
 *
 * @param digest the pushed image's manifest digest
 * @param tagged the references whose manifest was pushed, such as {@code ghcr.io/acme/app:1.0}
 * @param untagged the references that were not changed
 */
record TagProgress(String digest, List<String> tagged, List<String> untagged) {
    TagProgress {
        tagged = List.copyOf(tagged);
        untagged = List.copyOf(untagged);
    }

    /** Nothing tagged yet. */
    static TagProgress none() {
        return new TagProgress("", List.of(), List.of());
    }

    /** The state in words, such as {@code no tag was changed}. */
    String sentence() {
        if (tagged.isEmpty()) {
            return "no tag was changed";
        }
        return String.join(" and ", tagged) + (tagged.size() == 1 ? " now points" : " now point") + " at " + digest
                + ", but " + String.join(" and ", untagged) + (untagged.size() == 1 ? " was" : " were") + " not changed";
    }

    /** The push of a tag's manifest failed after others were pushed. */
    static final class FailedException extends Exception {
        private final transient TagProgress progress;

        FailedException(TagProgress progress, Exception cause) {
            super(cause.getMessage(), cause);
            this.progress = progress;
        }

        TagProgress progress() {
            return progress;
        }

        /** What the registry or the network threw. */
        Exception failure() {
            return (Exception) getCause();
        }
    }
}
