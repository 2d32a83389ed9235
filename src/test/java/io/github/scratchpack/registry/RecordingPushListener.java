package io.github.scratchpack.registry;

import io.github.scratchpack.output.TarballImage.StoredBlob;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.BiConsumer;

/** A push listener that records what it is told, and can act when bytes of a blob have been sent. */
final class RecordingPushListener implements PushListener {
    final List<String> events = new CopyOnWriteArrayList<>();
    private final BiConsumer<StoredBlob, Long> onProgress;

    RecordingPushListener() {
        this((blob, sent) -> { });
    }

    RecordingPushListener(BiConsumer<StoredBlob, Long> onProgress) {
        this.onProgress = onProgress;
    }

    @Override
    public void blobExists(StoredBlob blob) {
        events.add("exists " + blob.digest());
    }

    @Override
    public void blobMounted(StoredBlob blob, String fromRepository) {
        events.add("mounted " + blob.digest() + " from " + fromRepository);
    }

    @Override
    public void uploadProgress(StoredBlob blob, long sent) {
        onProgress.accept(blob, sent);
    }

    @Override
    public void blobUploaded(StoredBlob blob) {
        events.add("uploaded " + blob.digest());
    }

    @Override
    public void tagged(String reference) {
        events.add("tagged " + reference);
    }

    @Override
    public void attached(String what) {
        events.add("attached " + what);
    }

    @Override
    public void retrying(String what, int nextAttempt, int attempts, Duration delay, Exception failure) {
        events.add("retrying " + what + " attempt " + nextAttempt + ": " + failure);
    }
}
