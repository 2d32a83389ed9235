package io.github.scratchpack.registry;

import com.google.cloud.tools.jib.api.RegistryException;
import com.google.cloud.tools.jib.registry.RegistryClient;
import io.github.scratchpack.output.TarballImage;
import io.github.scratchpack.registry.ReferrerDocuments.Descriptor;
import io.github.scratchpack.signing.ImageSignature;
import java.io.IOException;
import java.nio.file.Files;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;

/**
 * Attaches an SBOM and a signature to an image already in the registry. The SBOM becomes an OCI 1.1 referrer; where
 * the registry has no referrers API, the referrers tag schema's index at {@code sha256-<hex>} lists it beside the
 * referrers it already listed. The signature manifest at {@code sha256-<hex>.sig} is replaced by one holding this
 * push's signature: its tag is derived from the digest it signs, so it can never point at another image.
 */
final class AttachmentPusher {
    private final RegistryClient client;
    private final RegistryReader reader;
    private final Retry retry;
    private final PushListener listener;

    AttachmentPusher(RegistryClient client, RegistryReader reader, Retry retry, PushListener listener) {
        this.client = client;
        this.reader = reader;
        this.retry = retry;
        this.listener = listener;
    }

    /**
     * Attaches what there is to attach.
     *
     * @param image the pushed image
     * @param name the repository name with its registry, for the log
     * @param attachments what to attach
     * @throws IOException when the registry cannot be reached, answers with an error, or the SBOM cannot be read
     * @throws RegistryException when the registry refuses a request
     * @throws InterruptedException when the build is interrupted
     */
    void attach(TarballImage image, String name, Attachments attachments)
            throws IOException, RegistryException, InterruptedException {
        Descriptor subject = new Descriptor(image.manifestMediaType(), image.manifestDigest(), image.manifest().length);
        if (attachments.sbom() != null) {
            attachSbom(subject, attachments.sbom(), sbom(attachments.sbom()), name);
        }
        if (attachments.signature() != null) {
            attachSignature(subject, attachments.signature(), name);
        }
    }

    /**
     * The blobs that the attachments' manifests name, to be uploaded with the image's own blobs: they are only
     * content, which no tag or index lists until {@link #attach} pushes the manifests.
     *
     * @param attachments what is to be attached
     * @return each blob's bytes
     * @throws IOException when the SBOM cannot be read or is not the one {@code image.json} records
     */
    static List<byte[]> blobs(Attachments attachments) throws IOException {
        List<byte[]> blobs = new ArrayList<>();
        if (attachments.sbom() != null) {
            blobs.add(sbom(attachments.sbom()));
            blobs.add(ReferrerDocuments.EMPTY_CONFIG);
        }
        if (attachments.signature() != null) {
            ImageSignature signature = attachments.signature();
            blobs.add(signature.payload());
            blobs.add(ReferrerDocuments.signatureConfig(Descriptor.of(ImageSignature.PAYLOAD_MEDIA_TYPE,
                    signature.payload())));
        }
        return blobs;
    }

    private static byte[] sbom(Attachments.Sbom sbom) throws IOException {
        byte[] content = Files.readAllBytes(sbom.file());
        Descriptor file = Descriptor.of(sbom.mediaType(), content);
        if (!file.digest().equals(sbom.digest()) || file.size() != sbom.size()) {
            throw new IOException("The SBOM " + sbom.file() + " has changed since the image goal recorded its digest "
                    + sbom.digest());
        }
        return content;
    }

    private void attachSbom(Descriptor subject, Attachments.Sbom sbom, byte[] content, String name)
            throws IOException, RegistryException, InterruptedException {
        Descriptor file = Descriptor.of(sbom.mediaType(), content);
        byte[] referrer = ReferrerDocuments.referrer(sbom.mediaType(), file, sbom.file().getFileName().toString(),
                subject);
        Descriptor referrerDescriptor = Descriptor.of(ReferrerDocuments.MANIFEST_MEDIA_TYPE, referrer);
        pushManifest(referrer, ReferrerDocuments.MANIFEST_MEDIA_TYPE, referrerDescriptor.digest());
        boolean api = retry.run("check for the referrers API", () -> reader.hasReferrersApi(subject.digest()), listener);
        if (api) {
            listener.attached("SBOM " + file.digest() + " as referrer " + referrerDescriptor.digest()
                    + " (referrers API)");
            return;
        }
        String indexTag = ReferrerDocuments.digestTag(subject.digest());
        Optional<byte[]> existing = retry.run("read of the referrers index " + indexTag,
                () -> reader.manifest(indexTag, ReferrerDocuments.INDEX_MEDIA_TYPE), listener);
        byte[] index = ReferrerDocuments.referrersIndex(existing.orElse(null), referrerDescriptor, sbom.mediaType());
        if (existing.isEmpty() || !Arrays.equals(existing.get(), index)) {
            pushManifest(index, ReferrerDocuments.INDEX_MEDIA_TYPE, indexTag);
        }
        listener.attached("SBOM " + file.digest() + " as referrer " + referrerDescriptor.digest() + " in "
                + name + ":" + indexTag);
    }

    private void attachSignature(Descriptor subject, ImageSignature signature, String name)
            throws IOException, RegistryException, InterruptedException {
        Descriptor payload = Descriptor.of(ImageSignature.PAYLOAD_MEDIA_TYPE, signature.payload());
        byte[] config = ReferrerDocuments.signatureConfig(payload);
        byte[] manifest = ReferrerDocuments.signatureManifest(
                Descriptor.of(ReferrerDocuments.CONFIG_MEDIA_TYPE, config), signature);
        String tag = ReferrerDocuments.digestTag(subject.digest()) + ".sig";
        pushManifest(manifest, ReferrerDocuments.MANIFEST_MEDIA_TYPE, tag);
        listener.attached("signature of " + subject.digest() + " as " + name + ":" + tag);
    }

    private void pushManifest(byte[] manifest, String mediaType, String reference)
            throws IOException, RegistryException, InterruptedException {
        RawManifest raw = new RawManifest(manifest, mediaType);
        retry.run("push of the manifest " + reference, () -> client.pushManifest(raw, reference), listener);
    }
}
