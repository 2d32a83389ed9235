package io.github.scratchpack.maven;

import io.github.scratchpack.output.TarballImage;
import io.github.scratchpack.output.TarballImage.StoredBlob;
import io.github.scratchpack.registry.PushListener;
import io.github.scratchpack.registry.PushResult;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import org.apache.maven.plugin.logging.Log;

/** Logs a push: each blob's progress in quarters, retries, tags, and a closing summary. */
final class PushLog implements PushListener {
    private final Log log;
    private final Map<String, String> labels = new HashMap<>();
    private final Map<String, Integer> quartersLogged = new ConcurrentHashMap<>();

    PushLog(Log log, TarballImage image) {
        this.log = log;
        labels.put(image.config().digest(), "config ");
        List<StoredBlob> layers = image.layers();
        for (int i = 0; i < layers.size(); i++) {
            labels.putIfAbsent(layers.get(i).digest(), "layer " + (i + 1));
        }
    }

    private String name(StoredBlob blob) {
        return labels.get(blob.digest()) + " " + blob.digest().substring(0, 19);
    }

    @Override
    public void blobExists(StoredBlob blob) {
        log.info("  " + name(blob) + "  already in the registry (" + ImageSummary.size(blob.size()) + ")");
    }

    @Override
    public void blobMounted(StoredBlob blob, String fromRepository) {
        log.info("  " + name(blob) + "  mounted from " + fromRepository + " (" + ImageSummary.size(blob.size()) + ")");
    }

    @Override
    public void uploadProgress(StoredBlob blob, long sent) {
        int quarter = blob.size() == 0 ? 4 : (int) Math.min(4, sent * 4 / blob.size());
        boolean[] advanced = {false};
        quartersLogged.compute(blob.digest(), (digest, logged) -> {
            advanced[0] = quarter > (logged == null ? 0 : logged);
            return advanced[0] ? Integer.valueOf(quarter) : logged;
        });
        if (advanced[0]) {
            log.info("  " + name(blob) + "  sent " + ImageSummary.size(sent) + " of " + ImageSummary.size(blob.size())
                    + " (" + quarter * 25 + "%)");
        }
    }

    @Override
    public void blobUploaded(StoredBlob blob) {
        log.debug("  " + name(blob) + "  committed");
    }

    @Override
    public void tagged(String reference) {
        log.info("  tagged " + reference);
    }

    @Override
    public void attached(String what) {
        log.info("  attached " + what);
    }

    @Override
    public void retrying(String what, int nextAttempt, int attempts, Duration delay, Exception failure) {
        quartersLogged.clear();
        String reason = String.valueOf(failure.getMessage()).lines().findFirst().orElse(failure.getClass().getSimpleName());
        log.warn("The " + what + " failed (" + reason + "); attempt " + nextAttempt + " of " + attempts + " in "
                + delay.toMillis() / 1000.0 + " s");
    }

    /** The closing lines. */
    static List<String> summary(PushResult result) {
        return List.of(
                "Pushed   " + String.join(", ", result.references()),
                "Digest   " + result.digest(),
                "Uploaded " + ImageSummary.size(result.uploadedBytes()) + " in " + result.uploadedBlobs() + " blob(s); "
                        + result.existingBlobs() + " already in the registry, " + result.mountedBlobs() + " mounted");
    }
}
