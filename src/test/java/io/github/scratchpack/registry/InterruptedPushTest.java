package io.github.scratchpack.registry;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.github.scratchpack.image.ImageReference;
import io.github.scratchpack.network.PushException;
import io.github.scratchpack.output.TarballImage;
import io.github.scratchpack.testing.LocalRegistry;
import java.io.FilterInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Stops a real registry in the middle of a large layer's upload. The push must either retry into a complete image
 * or fail cleanly; a tag must never point at blobs the registry lacks.
 */
class InterruptedPushTest {
    private static final int LAYER_BYTES = 8 * 1024 * 1024;

    @TempDir
    Path dir;

    /** Reads blobs slowly, so that the registry can be stopped while one is being sent. */
    private static BlobOpener slowly(TarballImage image) {
        return blob -> new FilterInputStream(image.open(blob)) {
            @Override
            public int read(byte[] buffer, int offset, int length) throws IOException {
                try {
                    Thread.sleep(2);
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                    throw new IOException("interrupted", e);
                }
                return super.read(buffer, offset, Math.min(length, 16 * 1024));
            }
        };
    }

    private static int status(String url) throws IOException, InterruptedException {
        HttpRequest head = HttpRequest.newBuilder(URI.create(url)).method("HEAD", HttpRequest.BodyPublishers.noBody())
                .header("Accept", "application/vnd.oci.image.manifest.v1+json").build();
        return HttpClient.newHttpClient().send(head, HttpResponse.BodyHandlers.discarding()).statusCode();
    }

    private static RecordingPushListener stopHalfWay(LocalRegistry registry, CountDownLatch stopped) {
        AtomicBoolean once = new AtomicBoolean();
        return new RecordingPushListener((blob, sent) -> {
            if (blob.size() >= LAYER_BYTES && sent > blob.size() / 2 && once.compareAndSet(false, true)) {
                try {
                    registry.stop();
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                }
                stopped.countDown();
            }
        });
    }

    @Test
    void aRegistryRestartedDuringTheUploadEndsInACompleteImage() throws Exception {
        TarballImage image = PushFixtures.image(dir, LAYER_BYTES);
        try (LocalRegistry registry = LocalRegistry.start(dir.resolve("registry"))) {
            CountDownLatch stopped = new CountDownLatch(1);
            Thread restarter = new Thread(() -> {
                try {
                    if (stopped.await(120, TimeUnit.SECONDS)) {
                        Thread.sleep(1500);
                        registry.restart();
                    }
                } catch (Exception e) {
                    throw new IllegalStateException(e);
                }
            });
            restarter.start();
            RecordingPushListener listener = stopHalfWay(registry, stopped);
            PushResult result = new RegistryPush(PushFixtures.options(null, slowly(image)),
                    PushFixtures.settingsOnly(Map.of(), dir.resolve("home")), listener, event -> { })
                    .push(image, ImageReference.parse(registry.address() + "/demo/app:1.0"), List.of());
            restarter.join(TimeUnit.SECONDS.toMillis(30));
            assertEquals(0, stopped.getCount(), "the registry was never stopped: the test did not cut the upload");
            assertTrue(listener.events.stream().anyMatch(event -> event.startsWith("retrying")), listener.events.toString());
            assertEquals(image.manifestDigest(), result.digest());
            for (TarballImage.StoredBlob blob : image.blobs()) {
                assertEquals(200, status("http://" + registry.address() + "/v2/demo/app/blobs/" + blob.digest()),
                        blob.digest());
            }
            assertEquals(image.manifestDigest(), RegistryPushTest.skopeoDigest(registry.address() + "/demo/app:1.0",
                    "--tls-verify=false"));
        }
    }

    @Test
    void aRegistryThatStaysDownFailsCleanlyAndTagsNothing() throws Exception {
        TarballImage image = PushFixtures.image(dir, LAYER_BYTES);
        try (LocalRegistry registry = LocalRegistry.start(dir.resolve("registry"))) {
            CountDownLatch stopped = new CountDownLatch(1);
            RegistryPush push = new RegistryPush(new RegistryPush.Options(false, null, 3, PushFixtures.quickRetry(3), null,
                    slowly(image)), PushFixtures.settingsOnly(Map.of(), dir.resolve("home")),
                    stopHalfWay(registry, stopped), event -> { });
            PushException failure = assertThrows(PushException.class, () -> push.push(image,
                    ImageReference.parse(registry.address() + "/demo/app:1.0"), List.of()));
            assertEquals(0, stopped.getCount(), "the registry was never stopped: the test did not cut the upload");
            assertTrue(failure.getMessage().startsWith("The registry " + registry.address() + " stopped answering"
                    + " during the push"), failure.getMessage());
            assertTrue(failure.getMessage().contains("no tag was changed"), failure.getMessage());

            registry.restart();
            assertEquals(404, status("http://" + registry.address() + "/v2/demo/app/manifests/1.0"));
        }
    }
}
