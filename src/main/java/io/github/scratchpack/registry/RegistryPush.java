package io.github.scratchpack.registry;

import com.google.cloud.tools.jib.api.Credential;
import com.google.cloud.tools.jib.api.LogEvent;
import com.google.cloud.tools.jib.api.RegistryException;
import com.google.cloud.tools.jib.event.EventHandlers;
import com.google.cloud.tools.jib.http.FailoverHttpClient;
import com.google.cloud.tools.jib.registry.RegistryClient;
import io.github.scratchpack.credentials.CredentialChain;
import io.github.scratchpack.credentials.Redaction;
import io.github.scratchpack.image.ImageReference;
import io.github.scratchpack.network.ConnectionCheck;
import io.github.scratchpack.network.JibHttpClients;
import io.github.scratchpack.network.ProxyRoutes;
import io.github.scratchpack.network.ProxySelection;
import io.github.scratchpack.network.PushException;
import io.github.scratchpack.network.RegistryAddress;
import io.github.scratchpack.network.RegistryTrust;
import io.github.scratchpack.network.TransportPolicy;
import io.github.scratchpack.output.TarballImage;
import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Consumer;
import java.util.function.Supplier;
import javax.net.ssl.SSLContext;

/**
 * Pushes an image stored in a tarball to a registry: checks how the registry may be reached, finds credentials,
 * authenticates through jib, and pushes the exact stored bytes.
 */
public final class RegistryPush {
    private final Options options;
    private final CredentialChain credentials;
    private final PushListener listener;
    private final Consumer<LogEvent> debugLog;
    private final ProxySelection proxies;

    /**
     * How to push.
     *
     * @param allowInsecureRegistries whether plain HTTP and unverified certificates are allowed for any registry
     * @param registryCertificates a PEM file of extra CA certificates to trust, or {@code null}
     * @param threads how many blobs are uploaded at once
     * @param retry when failed calls are made again
     * @param mountFrom a repository on the same registry to mount blobs from, or {@code null}; written as an image
     *     name is, so {@code base} on Docker Hub is {@code library/base}
     * @param opener opens the blobs' bytes, or {@code null} to read them from the tarball
     */
    public record Options(boolean allowInsecureRegistries, Path registryCertificates, int threads, Retry retry,
                          String mountFrom, BlobOpener opener) {
    }

    /**
     * @param options how to push
     * @param credentials where credentials are looked for
     * @param listener told of progress
     * @param debugLog where jib's own log events go; they hold no secrets
     */
    public RegistryPush(Options options, CredentialChain credentials, PushListener listener, Consumer<LogEvent> debugLog) {
        this(options, credentials, listener, debugLog, ProxySelection.direct());
    }

    private RegistryPush(Options options, CredentialChain credentials, PushListener listener, Consumer<LogEvent> debugLog,
                         ProxySelection proxies) {
        this.options = options;
        this.credentials = credentials;
        this.listener = listener;
        this.debugLog = debugLog;
        this.proxies = proxies;
    }

    /**
     * The same push, with its connections (the connection check included) going through the proxies that a
     * selection chooses for the registry.
     *
     * @param selection the proxy configuration
     * @return the push
     */
    public RegistryPush through(ProxySelection selection) {
        return new RegistryPush(options, credentials, listener, debugLog, selection);
    }

    /**
     * Pushes the image under a reference and more tags of the same repository.
     *
     * @param image the stored image
     * @param reference where to push, such as {@code 127.0.0.1:5000/demo/app:1.0}
     * @param moreTags further tags
     * @return what was done
     * @throws PushException when the push fails; the message says why and what to do, and holds no secret
     * @throws InterruptedException when the build is interrupted
     */
    public PushResult push(TarballImage image, ImageReference reference, List<String> moreTags)
            throws PushException, InterruptedException {
        return push(image, reference, moreTags, Attachments.NONE);
    }

    /**
     * Pushes the image under a reference and more tags of the same repository, then attaches an SBOM and a signature
     * to it. The attachments go after every tag, so they never hang on an image that is not complete.
     *
     * @param image the stored image
     * @param reference where to push, such as {@code 127.0.0.1:5000/demo/app:1.0}
     * @param moreTags further tags
     * @param attachments what to attach once the image is pushed
     * @return what was done
     * @throws PushException when the push or an attachment fails; the message says which, why and what to do, and
     *     holds no secret
     * @throws InterruptedException when the build is interrupted
     */
    public PushResult push(TarballImage image, ImageReference reference, List<String> moreTags, Attachments attachments)
            throws PushException, InterruptedException {
        RegistryAddress address = RegistryAddress.parse(reference.effectiveRegistry());
        String repository = RepositoryName.of(reference);
        List<String> tags = new ArrayList<>(List.of(reference.tag()));
        moreTags.stream().filter(tag -> !tags.contains(tag)).forEach(tags::add);

        List<byte[]> attachmentBlobs = attachmentBlobs(attachments);
        Supplier<SSLContext> trust = RegistryTrust.whenUsed(options.registryCertificates());
        TransportPolicy policy = new TransportPolicy(address, options.allowInsecureRegistries());
        ProxyRoutes routes = proxyRoutes(address);
        TransportPolicy.Transport transport = policy.transportFor(new ConnectionCheck(trust, routes).check(address));
        String mountFrom = options.mountFrom() == null ? null : MountSource.repository(options.mountFrom(), reference);
        CredentialChain.Lookup lookup = credentials.find(address);
        FailoverHttpClient http = JibHttpClients.create(transport, trust, routes, debugLog);
        try {
            RegistryClient client = client(address, repository, mountFrom, lookup, http);
            BlobOpener opener = options.opener() != null ? options.opener() : image::open;
            PushResult result = new ImagePusher(client, mountFrom, options.threads(), options.retry(), listener, opener)
                    .push(image, reference.name(), tags, attachmentBlobs);
            attach(image, reference, attachments, lookup, routes, new AttachmentPusher(client,
                    new RegistryReader(http, address, repository, lookup.credential()), options.retry(), listener));
            return result;
        } catch (IOException | RegistryException e) {
            throw failure(e, address, reference, lookup, routes, TagProgress.none());
        } catch (TagProgress.FailedException e) {
            throw failure(e.failure(), address, reference, lookup, routes, e.progress());
        } finally {
            shutDown(http);
        }
    }

    private static List<byte[]> attachmentBlobs(Attachments attachments) throws PushException {
        try {
            return AttachmentPusher.blobs(attachments);
        } catch (IOException e) {
            throw new PushException(e.getMessage() + ". Nothing was pushed; run the image goal again before pushing.", e);
        }
    }

    private ProxyRoutes proxyRoutes(RegistryAddress address) throws PushException {
        ProxyRoutes routes = ProxyRoutes.forRegistry(proxies, address);
        routes.forScheme("https").ifPresent(proxy -> debugLog.accept(LogEvent.info("HTTPS to " + address
                + " goes through the proxy " + proxy)));
        routes.forScheme("http").ifPresent(proxy -> debugLog.accept(LogEvent.info("Plain HTTP to " + address
                + " goes through the proxy " + proxy)));
        return routes;
    }

    private static PushException failure(Exception e, RegistryAddress address, ImageReference reference,
                                         CredentialChain.Lookup lookup, ProxyRoutes routes, TagProgress tags) {
        String repository = RepositoryName.of(reference);
        String message = FailureMessages.explain(e, address, repository, lookup, tags,
                !repository.equals(reference.repository()));
        return new PushException(Redaction.without(message, lookup, routes), e, FailureMessages.refused(e));
    }

    private static void attach(TarballImage image, ImageReference reference, Attachments attachments,
                               CredentialChain.Lookup lookup, ProxyRoutes routes, AttachmentPusher pusher)
            throws PushException, InterruptedException {
        try {
            pusher.attach(image, reference.name(), attachments);
        } catch (IOException | RegistryException e) {
            String message = "The image " + image.manifestDigest() + " was pushed and tagged, but attaching "
                    + attachments.description() + " to it failed (" + e.getClass().getSimpleName() + ": "
                    + e.getMessage() + "). A signature is stored under a tag derived from the digest it signs, so none"
                    + " points at another image; push again to attach them.";
            throw new PushException(Redaction.without(message, lookup, routes), e);
        }
    }

    private RegistryClient client(RegistryAddress address, String repository, String mountFrom,
                                  CredentialChain.Lookup lookup, FailoverHttpClient http)
            throws IOException, RegistryException, InterruptedException {
        EventHandlers events = EventHandlers.builder().add(LogEvent.class, debugLog).build();
        RegistryClient.Factory factory = mountFrom == null
                ? RegistryClient.factory(events, address.apiHost(), repository, http)
                : RegistryClient.factory(events, address.apiHost(), repository, mountFrom, http);
        RegistryClient client = factory.setUserAgent("scratchpack")
                .setCredential(lookup.credential().map(found -> Credential.from(found.username(), found.password()))
                        .orElse(null))
                .newRegistryClient();
        boolean bearer = options.retry().run("authentication", client::doPushBearerAuth, listener);
        if (!bearer && lookup.credential().isPresent()) {
            client.configureBasicAuth();
        }
        return client;
    }

    private void shutDown(FailoverHttpClient http) {
        try {
            http.shutDown();
        } catch (IOException e) {
            debugLog.accept(LogEvent.debug("Closing the registry connections failed: " + e.getMessage()));
        }
    }
}
