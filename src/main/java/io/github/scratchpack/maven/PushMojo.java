package io.github.scratchpack.maven;

import com.google.cloud.tools.jib.api.LogEvent;
import io.github.scratchpack.credentials.CredentialChain;
import io.github.scratchpack.credentials.GivenCredentials;
import io.github.scratchpack.credentials.RegistryCredential;
import io.github.scratchpack.credentials.SettingsServerCredentials;
import io.github.scratchpack.image.ImageReference;
import io.github.scratchpack.network.ProxySelection;
import io.github.scratchpack.network.PushException;
import io.github.scratchpack.output.ImageReport;
import io.github.scratchpack.output.ImageTarballReader;
import io.github.scratchpack.output.ReportedSbom;
import io.github.scratchpack.output.TarballImage;
import io.github.scratchpack.registry.Attachments;
import io.github.scratchpack.registry.PushResult;
import io.github.scratchpack.registry.RegistryPush;
import io.github.scratchpack.registry.Retry;
import io.github.scratchpack.signing.ImageSignature;
import io.github.scratchpack.signing.SigningKey;
import io.github.scratchpack.signing.SigningKeyException;
import java.io.File;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.apache.maven.execution.MavenSession;
import org.apache.maven.plugin.MojoExecutionException;
import org.apache.maven.plugin.MojoFailureException;
import org.apache.maven.plugins.annotations.Component;
import org.apache.maven.plugins.annotations.LifecyclePhase;
import org.apache.maven.plugins.annotations.Mojo;
import org.apache.maven.plugins.annotations.Parameter;
import org.apache.maven.settings.Proxy;
import org.apache.maven.settings.Server;
import org.apache.maven.settings.Settings;
import org.apache.maven.settings.building.SettingsProblem;
import org.apache.maven.settings.crypto.DefaultSettingsDecryptionRequest;
import org.apache.maven.settings.crypto.SettingsDecrypter;
import org.apache.maven.settings.crypto.SettingsDecryptionResult;

/**
 * Pushes the image that the <code>image</code> goal wrote to <code>target/scratchpack/image.tar</code> to a registry, byte for
 * byte, so the registry's digest is the one in <code>image.json</code>. Blobs the registry already holds are not sent
 * again; the manifest goes last, so a tag never points at missing content. Run it as <code>mvn deploy</code> or
 * <code>mvn package scratchpack:push</code>.
 *
 * <p>Behind a proxy, every connection to the registry (the first check of what its port speaks included) goes
 * through the first of: settings.xml's active <code>proxy</code> (the one whose <code>protocol</code> is
 * the connection's scheme, else the first active one; its <code>nonProxyHosts</code> apply), the JVM's
 * <code>-Dhttps.proxyHost</code>/<code>-Dhttps.proxyPort</code> (<code>http.*</code> for plain HTTP) with
 * <code>-Dhttp.nonProxyHosts</code>, then the <code>HTTPS_PROXY</code>, <code>https_proxy</code>, <code>HTTP_PROXY</code>,
 * <code>http_proxy</code> variables with <code>NO_PROXY</code>/<code>no_proxy</code>. A registry on this machine
 * (<code>localhost</code>, <code>127.0.0.0/8</code>) is always reached directly. Proxy passwords are never logged.
 */
@Mojo(name = "push", defaultPhase = LifecyclePhase.DEPLOY, threadSafe = true)
public class PushMojo extends AbstractImageReferenceMojo {
    private static final String PASSWORD_PROPERTY = "scratchpack.password";
    private static final String SIGNING_PASSWORD_VARIABLE = "SCRATCHPACK_SIGNING_PASSWORD";
    private static final String SIGNING_SERVER_ID = "scratchpack-signing";

    @Parameter(defaultValue = "${settings}", readonly = true, required = true)
    private Settings settings;

    @Component
    private SettingsDecrypter settingsDecrypter;

    /**
     * The registry user name. Its password or token is read only from the user property
     * <code>scratchpack.password</code> (<code>-Dscratchpack.password=...</code>), never from the POM, because Maven's
     * <code>-X</code> output prints the value of every parameter. Without a user name, credentials come from settings.xml
     * (a <code>server</code> with the registry's <code>host:port</code> or <code>host</code> as id, where the password can be
     * encrypted), then the files podman reads, in its order: <code>$REGISTRY_AUTH_FILE</code> or else
     * <code>$XDG_RUNTIME_DIR/containers/auth.json</code> (<code>/run/containers/UID/auth.json</code> without
     * <code>XDG_RUNTIME_DIR</code>), <code>~/.config/containers/auth.json</code> (or under <code>$XDG_CONFIG_HOME</code>),
     * Docker's <code>~/.docker/config.json</code> (or <code>$DOCKER_CONFIG/config.json</code>), and <code>~/.dockercfg</code>.
     */
    @Parameter(property = "scratchpack.username")
    private String username;

    @Parameter(defaultValue = "${session}", readonly = true, required = true)
    private MavenSession session;

    /**
     * Allows plain HTTP and HTTPS without certificate checks for any registry. Registries on this machine
     * (<code>localhost</code>, <code>127.0.0.0/8</code>) may use plain HTTP without it. Credentials are never sent over plain
     * HTTP to another machine.
     */
    @Parameter(property = "scratchpack.allowInsecureRegistries", defaultValue = "false")
    private boolean allowInsecureRegistries;

    /**
     * A PEM file of CA certificates that HTTPS connections to the registry trust, besides the Java runtime's (which
     * also honours <code>-Djavax.net.ssl.trustStore</code>). For registries with a private CA.
     */
    @Parameter(property = "scratchpack.registryCertificates")
    private File registryCertificates;

    /**
     * A repository on the same registry, such as <code>acme/base</code>, that may already hold some blobs; the registry is
     * asked to mount them from there instead of receiving them again. It is read as <code>image</code> is: a one-part
     * name on Docker Hub is under <code>library/</code>, and a registry in front (<code>ghcr.io/acme/base</code>) must
     * be the one pushed to. A tag is not allowed.
     */
    @Parameter(property = "scratchpack.mountFrom")
    private String mountFrom;

    /** How many blobs are uploaded at once. */
    @Parameter(property = "scratchpack.uploadThreads", defaultValue = "4")
    private int uploadThreads;

    /** How many times a failed registry call is tried again, after 1, 2, 4... seconds (5xx answers, lost connections). */
    @Parameter(property = "scratchpack.retries", defaultValue = "4")
    private int retries;

    /** Skips this goal; <code>scratchpack.skip</code> skips every scratchpack goal. */
    @Parameter(property = "scratchpack.push.skip", defaultValue = "false")
    private boolean skip;

    /**
     * Signs the pushed image with this key, as cosign does: a simple-signing payload naming the manifest digest and
     * the repository (<code>registry/repository</code>, the same for every tag), signed with ECDSA P-256 and stored at
     * the tag <code>sha256-HEX.sig</code> of the same repository (HEX: the hex of the image digest). A PKCS#8 PEM file
     * (<code>BEGIN PRIVATE KEY</code>, or <code>BEGIN ENCRYPTED PRIVATE KEY</code> as
     * <code>openssl pkcs8 -topk8 -v2 aes-256-cbc</code> writes it). The password of an encrypted key is read from the
     * environment variable <code>SCRATCHPACK_SIGNING_PASSWORD</code>, else from the settings.xml <code>server</code> with
     * id <code>scratchpack-signing</code> (encrypted with <code>mvn --encrypt-password</code>), never from the POM. The
     * key is read before anything is pushed, so a wrong password or key fails the build with nothing sent. Without a
     * key, the image is not signed.
     */
    @Parameter(property = "scratchpack.signingKey")
    private File signingKey;

    /**
     * Whether the SBOM that <code>image.json</code> records is attached to the pushed image as an OCI 1.1 referrer
     * (artifact type <code>application/vnd.cyclonedx+json</code>): through the registry's referrers API where it has one,
     * else listed in the referrers tag schema's index at the tag <code>sha256-HEX</code> (HEX: the hex of the image
     * digest), beside the referrers already there.
     */
    @Parameter(property = "scratchpack.attachSbom", defaultValue = "true")
    private boolean attachSbom;

    @Override
    public void execute() throws MojoExecutionException, MojoFailureException {
        if (skipped("push", skip)) {
            return;
        }
        settleRestoredOutputs();
        ImageReference reference = reference();
        Path report = reportPath();
        SigningKey key = signingKey(reference);
        TarballImage stored = storedImage(report);
        Attachments attachments = attachments(report, stored, reference, key);
        getLog().info("Pushing " + stored.manifestDigest() + " to " + reference.name());
        RegistryPush push = new RegistryPush(
                new RegistryPush.Options(allowInsecureRegistries, registryCertificates == null ? null
                        : registryCertificates.toPath(), Math.max(1, uploadThreads), Retry.standard(Math.max(0, retries) + 1),
                        mountFrom == null || mountFrom.isBlank() ? null : mountFrom.trim(), null),
                CredentialChain.standard(new GivenCredentials(username, password()),
                        new SettingsServerCredentials(this::server), System.getenv(),
                        Path.of(System.getProperty("user.home")), this::debug),
                new PushLog(getLog(), stored), this::debug).through(proxySelection());
        PushResult result;
        try {
            result = push.push(stored, reference, moreTags(), attachments);
        } catch (PushException e) {
            if (e.refused()) {
                throw failures().failure(e.getMessage(), e);
            }
            throw failures().error(e.getMessage(), e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new MojoExecutionException("The push to " + reference.name() + " was interrupted; no tag was changed"
                    + " unless it was logged as tagged.", e);
        }
        try {
            ImageReport.markPushed(report);
        } catch (IOException e) {
            throw failures().error("The image was pushed, but " + report + " could not be updated: "
                    + e.getMessage(), e);
        }
        PushLog.summary(result).forEach(getLog()::info);
    }

    private ImageReference reference() throws MojoFailureException {
        try {
            ImageReference reference = ImageReference.parse(image);
            moreTags().forEach(reference::withTag);
            return reference;
        } catch (IllegalArgumentException e) {
            throw failures().failure(e.getMessage(), e);
        }
    }

    private TarballImage storedImage(Path report) throws MojoExecutionException, MojoFailureException {
        try {
            TarballImage stored = ImageTarballReader.read(tarball.toPath());
            if (!Files.isRegularFile(report)) {
                throw new MojoFailureException("There is no " + report + " beside the tarball. Run the image goal"
                        + " again before pushing.");
            }
            String recorded = ImageReport.digest(report);
            if (!recorded.equals(stored.manifestDigest())) {
                throw new MojoFailureException(report + " records the digest " + recorded + ", but " + tarball
                        + " holds " + stored.manifestDigest() + ". Run the image goal again before pushing.");
            }
            return stored;
        } catch (IOException e) {
            throw failures().error(e.getMessage(), e);
        }
    }

    /** The signing key, read and checked before anything is pushed, or {@code null} when none is given. */
    private SigningKey signingKey(ImageReference reference) throws MojoFailureException {
        if (signingKey == null) {
            return null;
        }
        if (reference.registry() == null) {
            throw failures().failure("signingKey is set, but the image " + image + " names no registry,"
                    + " and a signature names the registry and repository it covers. Write the registry in"
                    + " scratchpack.image, such as ghcr.io/acme/app:1.0 (docker.io/library/app:1.0 for Docker Hub).",
                    null);
        }
        char[] password = signingPassword();
        try {
            return SigningKey.read(signingKey.toPath(), password);
        } catch (SigningKeyException e) {
            throw failures().failure(e.getMessage() + ". Check scratchpack.signingKey, and the password in "
                    + SIGNING_PASSWORD_VARIABLE + " or the settings.xml <server> with id " + SIGNING_SERVER_ID
                    + ". Nothing was pushed.", e);
        } finally {
            if (password != null) {
                Arrays.fill(password, '\0');
            }
        }
    }

    /** The signing key's password: the environment variable, else the settings.xml server; never a POM value. */
    private char[] signingPassword() throws MojoFailureException {
        String variable = System.getenv(SIGNING_PASSWORD_VARIABLE);
        if (variable != null && !variable.isEmpty()) {
            return variable.toCharArray();
        }
        Server server = settings.getServer(SIGNING_SERVER_ID);
        if (server == null || server.getPassword() == null) {
            return null;
        }
        try {
            return decrypted(server, SIGNING_SERVER_ID).getPassword().toCharArray();
        } catch (PushException e) {
            throw failures().failure(e.getMessage(), e);
        }
    }

    /** The SBOM to attach and the signature to store, both made before anything is pushed. */
    private Attachments attachments(Path report, TarballImage stored, ImageReference reference, SigningKey key)
            throws MojoFailureException {
        Attachments.Sbom sbom = null;
        if (attachSbom) {
            try {
                sbom = ReportedSbom.read(report).map(found -> new Attachments.Sbom(found.path(), found.mediaType(),
                        found.digest(), found.size())).orElse(null);
            } catch (IOException e) {
                throw failures().failure(e.getMessage() + ". Run the image goal again before pushing,"
                        + " or set scratchpack.attachSbom=false.", e);
            }
        }
        ImageSignature signature = null;
        if (key != null) {
            signature = ImageSignature.sign(key, reference.name(), stored.manifestDigest());
            getLog().info("Signing " + stored.manifestDigest() + " for " + reference.name() + " with " + signingKey);
        }
        return new Attachments(sbom, signature);
    }

    /** The password user property; deliberately not a mojo parameter, so that Maven's -X never prints it. */
    private String password() {
        String value = session.getUserProperties().getProperty(PASSWORD_PROPERTY);
        return value != null ? value : session.getSystemProperties().getProperty(PASSWORD_PROPERTY);
    }

    /**
     * settings.xml's active proxies with their passwords decrypted, the JVM's proxy properties and the environment.
     * Only the proxy's own fields are read, so that no other system property is copied.
     */
    private ProxySelection proxySelection() throws MojoFailureException {
        List<ProxySelection.ConfiguredProxy> configured = new ArrayList<>();
        for (Proxy proxy : settings.getProxies()) {
            if (!proxy.isActive()) {
                continue;
            }
            SettingsDecryptionResult decrypted = settingsDecrypter.decrypt(new DefaultSettingsDecryptionRequest(proxy));
            for (SettingsProblem problem : decrypted.getProblems()) {
                if (problem.getSeverity() != SettingsProblem.Severity.WARNING) {
                    throw failures().failure("The password of the settings.xml <proxy> with id "
                            + proxy.getId() + " cannot be decrypted (" + problem.getMessage() + "). Check the master"
                            + " password in ~/.m2/settings-security.xml, or encrypt the password again with"
                            + " mvn --encrypt-password.", null);
                }
                getLog().warn("settings.xml <proxy> " + proxy.getId() + ": " + problem.getMessage());
            }
            Proxy plain = decrypted.getProxy() != null ? decrypted.getProxy() : proxy;
            configured.add(new ProxySelection.ConfiguredProxy(plain.getId(), plain.getProtocol(), plain.getHost(),
                    plain.getPort(), plain.getUsername(), plain.getPassword(), plain.getNonProxyHosts()));
        }
        Map<String, String> properties = new HashMap<>();
        for (String name : List.of("https.proxyHost", "https.proxyPort", "http.proxyHost", "http.proxyPort",
                "http.nonProxyHosts")) {
            String value = System.getProperty(name);
            if (value != null) {
                properties.put(name, value);
            }
        }
        return new ProxySelection(configured, properties, System.getenv());
    }

    private Optional<RegistryCredential> server(String id) throws PushException {
        Server server = settings.getServer(id);
        if (server == null || server.getUsername() == null) {
            return Optional.empty();
        }
        Server plain = decrypted(server, id);
        return Optional.of(new RegistryCredential(plain.getUsername(), plain.getPassword() == null ? "" : plain.getPassword()));
    }

    private Server decrypted(Server server, String id) throws PushException {
        SettingsDecryptionResult decrypted = settingsDecrypter.decrypt(new DefaultSettingsDecryptionRequest(server));
        for (SettingsProblem problem : decrypted.getProblems()) {
            if (problem.getSeverity() != SettingsProblem.Severity.WARNING) {
                throw new PushException("The password of the settings.xml <server> with id " + id + " cannot"
                        + " be decrypted (" + problem.getMessage() + "). Check the master password in"
                        + " ~/.m2/settings-security.xml, or encrypt the password again with mvn --encrypt-password.");
            }
            getLog().warn("settings.xml <server> " + id + ": " + problem.getMessage());
        }
        return decrypted.getServer() != null ? decrypted.getServer() : server;
    }

    private void debug(LogEvent event) {
        if (getLog().isDebugEnabled()) {
            getLog().debug("jib: " + event.getMessage().replaceAll("\u001B\\[[0-9;]*m", ""));
        }
    }
}
