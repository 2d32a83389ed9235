package io.github.scratchpack.registry;

import com.google.cloud.tools.jib.api.DescriptorDigest;
import com.google.cloud.tools.jib.api.RegistryException;
import com.google.cloud.tools.jib.blob.Blobs;
import com.google.cloud.tools.jib.registry.RegistryClient;
import io.github.scratchpack.image.Sha256;
import io.github.scratchpack.output.TarballImage;
import io.github.scratchpack.output.TarballImage.StoredBlob;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.security.DigestException;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CancellationException;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;

/**
 * Pushes a stored image to one repository through an authenticated jib {@link RegistryClient}: every blob the
 * registry lacks, several at once, then the manifest for each tag, so a tag never points at missing content.
 */
final class ImagePusher {
    private final RegistryClient client;
    private final String mountFrom;
    private final int threads;
    private final Retry retry;
    private final PushListener listener;
    private final BlobOpener opener;

    /**
     * @param client an authenticated client for the target repository
     * @param mountFrom a repository on the same registry to mount blobs from, or {@code null}
     * @param threads how many blobs are uploaded at once
     * @param retry when calls are made again
     * @param listener told of progress
     * @param opener opens the blobs' bytes
     */
    ImagePusher(RegistryClient client, String mountFrom, int threads, Retry retry, PushListener listener, BlobOpener opener) {
        this.client = client;
        this.mountFrom = mountFrom;
        this.threads = threads;
        this.retry = retry;
        this.listener = listener;
        this.opener = opener;
    }

    private enum Outcome { EXISTED, MOUNTED, UPLOADED }

    /**
     * Pushes the image.
     *
     * @param image the stored image
     * @param name the repository name, with the registry, for the result
     * @param tags the tags to point at it
     * @param attachmentBlobs further blobs, such as an SBOM's, uploaded beside the image's own and not counted in
     *     the result
     * @return what was done
     * @throws IOException when the registry cannot be reached or answers with an error, after retries
     * @throws RegistryException when the registry refuses a request
     * @throws TagProgress.FailedException when a tag's manifest cannot be pushed; it tells which tags were changed
     * @throws InterruptedException when the build is interrupted
     */
    PushResult push(TarballImage image, String name, List<String> tags, List<byte[]> attachmentBlobs)
            throws IOException, RegistryException, TagProgress.FailedException, InterruptedException {
        AtomicLong uploadedBytes = new AtomicLong();
        List<Outcome> outcomes = pushBlobs(image.blobs(), attachmentBlobs, uploadedBytes);
        RawManifest manifest = new RawManifest(image.manifest(), image.manifestMediaType());
        List<String> references = pushManifests(manifest, image.manifestDigest(), name, tags);
        return new PushResult(image.manifestDigest(), references, count(outcomes, Outcome.UPLOADED),
                count(outcomes, Outcome.EXISTED), count(outcomes, Outcome.MOUNTED), uploadedBytes.get());
    }

    /** Points each tag at the manifest in turn; a failure says which tags were already changed. */
    private List<String> pushManifests(RawManifest manifest, String digest, String name, List<String> tags)
            throws TagProgress.FailedException, InterruptedException {
        List<String> references = new ArrayList<>();
        for (String tag : tags) {
            try {
                retry.run("push of the manifest for tag " + tag, () -> client.pushManifest(manifest, tag), listener);
            } catch (IOException | RegistryException e) {
                List<String> untagged = tags.subList(references.size(), tags.size()).stream()
                        .map(left -> name + ":" + left).toList();
                throw new TagProgress.FailedException(new TagProgress(digest, references, untagged), e);
            }
            references.add(name + ":" + tag);
            listener.tagged(name + ":" + tag);
        }
        return references;
    }

    /** One blob upload, run on the pool. */
    private interface Upload {
        Outcome run() throws IOException, RegistryException, InterruptedException;
    }

    /** The image's blobs and then the attachments' blobs, all at once; only the image's outcomes are returned. */
    private List<Outcome> pushBlobs(List<StoredBlob> blobs, List<byte[]> attachmentBlobs, AtomicLong uploadedBytes)
            throws IOException, RegistryException, InterruptedException {
        List<Upload> uploads = new ArrayList<>();
        for (StoredBlob blob : blobs) {
            uploads.add(() -> pushBlob(blob, uploadedBytes));
        }
        for (byte[] content : attachmentBlobs) {
            uploads.add(() -> pushAttachmentBlob(content));
        }
        return run(uploads).subList(0, blobs.size());
    }

    private List<Outcome> run(List<Upload> uploads) throws IOException, RegistryException, InterruptedException {
        AtomicInteger threadNumber = new AtomicInteger();
        ExecutorService pool = Executors.newFixedThreadPool(Math.max(1, Math.min(threads, uploads.size())), task -> {
            Thread thread = new Thread(task, "scratchpack-push-" + threadNumber.incrementAndGet());
            thread.setDaemon(true);
            return thread;
        });
        try {
            AtomicBoolean failed = new AtomicBoolean();
            List<Future<Outcome>> futures = new ArrayList<>();
            for (Upload upload : uploads) {
                futures.add(pool.submit(() -> {
                    if (failed.get()) {
                        throw new CancellationException("another blob failed");
                    }
                    try {
                        return upload.run();
                    } catch (IOException | RegistryException | RuntimeException e) {
                        failed.set(true);
                        throw e;
                    }
                }));
            }
            List<Outcome> outcomes = new ArrayList<>();
            for (Future<Outcome> future : futures) {
                outcomes.add(result(future));
            }
            return outcomes;
        } finally {
            pool.shutdownNow();
            pool.awaitTermination(30, TimeUnit.SECONDS);
        }
    }

    private Outcome pushBlob(StoredBlob blob, AtomicLong uploadedBytes)
            throws IOException, RegistryException, InterruptedException {
        DescriptorDigest digest = digest(blob.digest());
        return retry.run("upload of " + blob.digest(), () -> {
            if (client.checkBlob(digest).isPresent()) {
                listener.blobExists(blob);
                return Outcome.EXISTED;
            }
            AtomicLong sent = new AtomicLong();
            boolean mounted = client.pushBlob(digest, new TarballBlob(blob, digest, opener), mountFrom, count -> {
                uploadedBytes.addAndGet(count);
                listener.uploadProgress(blob, sent.addAndGet(count));
            });
            if (mounted) {
                listener.blobMounted(blob, mountFrom);
                return Outcome.MOUNTED;
            }
            listener.blobUploaded(blob);
            return Outcome.UPLOADED;
        }, listener);
    }

    private Outcome pushAttachmentBlob(byte[] content) throws IOException, RegistryException, InterruptedException {
        String digest = Sha256.of(content);
        DescriptorDigest jibDigest = digest(digest);
        return retry.run("upload of " + digest, () -> {
            if (client.checkBlob(jibDigest).isPresent()) {
                return Outcome.EXISTED;
            }
            client.pushBlob(jibDigest, Blobs.from(new ByteArrayInputStream(content)), null, sent -> { });
            return Outcome.UPLOADED;
        }, listener);
    }

    private static Outcome result(Future<Outcome> future) throws IOException, RegistryException, InterruptedException {
        try {
            return future.get();
        } catch (ExecutionException e) {
            Throwable cause = e.getCause();
            if (cause instanceof IOException io) {
                throw io;
            }
            if (cause instanceof RegistryException registry) {
                throw registry;
            }
            if (cause instanceof InterruptedException interrupted) {
                throw interrupted;
            }
            if (cause instanceof RuntimeException runtime) {
                throw runtime;
            }
            throw new IllegalStateException(cause);
        }
    }

    private static DescriptorDigest digest(String digest) {
        try {
            return DescriptorDigest.fromDigest(digest);
        } catch (DigestException e) {
            throw new IllegalStateException("The tarball names a blob with the malformed digest " + digest, e);
        }
    }

    private static int count(List<Outcome> outcomes, Outcome wanted) {
        return (int) outcomes.stream().filter(outcome -> outcome == wanted).count();
    }
}
