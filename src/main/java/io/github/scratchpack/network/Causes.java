package io.github.scratchpack.network;

import java.util.Optional;

/** Looks through the causes of a failure, as what went wrong on a connection is often wrapped a few times. */
public final class Causes {
    private Causes() {
    }

    /** The first exception of a type in a cause chain. */
    public static <T extends Throwable> Optional<T> find(Throwable failure, Class<T> type) {
        for (Throwable cause = failure; cause != null; cause = cause.getCause()) {
            if (type.isInstance(cause)) {
                return Optional.of(type.cast(cause));
            }
            if (cause.getCause() == cause) {
                break;
            }
        }
        return Optional.empty();
    }
}
