package io.github.scratchpack.registry;

import io.github.scratchpack.output.TarballImage.StoredBlob;
import java.time.Duration;

/** Told what a push does, for progress output. Calls come from several upload threads at once. */
public interface PushListener extends Retry.Listener {

    /** The registry already holds the blob; nothing is sent. */
    void blobExists(StoredBlob blob);

    /** The registry copied the blob from another repository; nothing is sent. */
    void blobMounted(StoredBlob blob, String fromRepository);

    /** Some more bytes of a blob were sent; {@code sent} counts the bytes of this attempt so far. */
    void uploadProgress(StoredBlob blob, long sent);

    /** The registry committed an uploaded blob. */
    void blobUploaded(StoredBlob blob);

    /** A tag now points at the image. */
    void tagged(String reference);

    /** Something now hangs on the pushed image: an SBOM referrer or a signature, described for the log. */
    void attached(String what);

    @Override
    void retrying(String what, int nextAttempt, int attempts, Duration delay, Exception failure);
}
