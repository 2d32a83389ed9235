package io.github.scratchpack.maven;

import io.github.scratchpack.elf.ElfFormatException;
import io.github.scratchpack.elf.ElfInfo;
import io.github.scratchpack.elf.StaticExecutableCheck;
import io.github.scratchpack.image.CaCertificates;
import io.github.scratchpack.image.JavaTrustStore;
import io.github.scratchpack.image.Compression;
import io.github.scratchpack.image.CreationTime;
import io.github.scratchpack.image.Image;
import io.github.scratchpack.image.ImageReference;
import io.github.scratchpack.image.ImageSpec;
import io.github.scratchpack.image.SourceRevision;
import io.github.scratchpack.output.SbomFile;
import io.github.scratchpack.output.TarballBuild;
import io.github.scratchpack.sbom.ExecutableContents;
import io.github.scratchpack.sbom.DeclaredLicense;
import io.github.scratchpack.sbom.ImageSbom;
import io.github.scratchpack.sbom.LicenseExpression;
import io.github.scratchpack.sbom.Library;
import io.github.scratchpack.sbom.SbomContext;
import java.io.File;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.apache.maven.plugin.MojoExecutionException;
import org.apache.maven.plugin.MojoFailureException;
import org.apache.maven.plugin.descriptor.PluginDescriptor;
import org.apache.maven.plugins.annotations.Component;
import org.apache.maven.plugins.annotations.LifecyclePhase;
import org.apache.maven.plugins.annotations.Mojo;
import org.apache.maven.plugins.annotations.Parameter;
import org.apache.maven.project.MavenProjectHelper;

/**
 * Packages a static executable into a minimal, layered, reproducible OCI image built FROM scratch, and writes it as
 * one tarball that docker, podman, skopeo and containerd load. The image holds the executable in <code>/app</code>
 * under its own file name, accounts for root, nobody and nonroot (65532), <code>/home/nonroot</code>, a writable
 * <code>/tmp</code>, CA certificates, and the project's own files; it runs as nonroot. Beside the tarball go
 * <code>image.json</code> and a CycloneDX SBOM of the image, <code>sbom.cdx.json</code>; all three are attached to the
 * project unless <code>attach</code> is off.
 *
 * <p>The manifest carries the OCI annotations that the POM gives: <code>title</code> (the name), <code>description</code>,
 * <code>version</code>, <code>url</code>, <code>vendor</code> (the organization), <code>source</code> (the SCM URL),
 * <code>revision</code> (see <code>revision</code>) and <code>licenses</code>. <code>licenses</code> is an SPDX license
 * expression of everything in the executable: the project's licenses and, when the <code>native-image</code> goal
 * built it in this build, those of every runtime library. The licenses one POM lists are alternatives (Maven's POM
 * reference: the user can select any of them), joined with <code>OR</code>; those of different components all apply,
 * joined with <code>AND</code>. Names and URLs become SPDX identifiers, as in the SBOM; a license with no SPDX
 * identifier is left out of the expression, with a line in the log, and kept in the SBOM.
 */
@Mojo(name = "image", defaultPhase = LifecyclePhase.PACKAGE, threadSafe = true)
public class ImageMojo extends AbstractImageReferenceMojo {
    private static final String SBOM_FILE_NAME = "sbom.cdx.json";

    @Component
    private MavenProjectHelper projectHelper;

    /**
     * The static executable to package. It must be a statically linked ELF executable. Default: the executable the
     * <code>native-image</code> goal made or found up to date earlier in this build, else
     * <code>${project.build.directory}/${imageName}</code>, which is
     * <code>${project.build.directory}/${project.artifactId}</code> unless <code>imageName</code> is set.
     */
    @Parameter(property = "scratchpack.binary")
    private File binary;

    /**
     * The executable's file name in <code>${project.build.directory}</code>, used when <code>binary</code> is not set:
     * the same parameter and property as the <code>native-image</code> goal's, so that setting it once in the
     * plugin's configuration points both goals at the same file.
     */
    @Parameter(property = "scratchpack.imageName", defaultValue = "${project.artifactId}")
    private String imageName;

    /**
     * The command the container runs. Default: the executable, in <code>/app</code> under its own file name.
     * Comma-separated on the command line.
     */
    @Parameter(property = "scratchpack.entrypoint")
    private List<String> entrypoint;

    /**
     * Arguments passed to the entrypoint (the image's <code>Cmd</code>). Comma-separated on the command line; an
     * argument that holds a comma can only be given in the POM.
     */
    @Parameter(property = "scratchpack.args")
    private List<String> args;

    /**
     * Environment variables, set in the POM (a map has no user property): each element inside
     * <code>environment</code> is one variable, named as the element, with the element's text as its value.
     */
    @Parameter
    private Map<String, String> environment;

    /**
     * Ports the container listens on, one <code>port</code> element each, such as <code>8080</code> or
     * <code>53/udp</code>; comma-separated on the command line.
     */
    @Parameter(property = "scratchpack.ports")
    private List<String> ports;

    /**
     * Image labels, set in the POM only: each element inside <code>labels</code> is one label, named as the
     * element, with the element's text as its value.
     */
    @Parameter
    private Map<String, String> labels;

    /**
     * The user the container runs as: <code>nonroot</code>, <code>nobody</code> or <code>root</code> from the image's passwd, a
     * uid, or uid:gid. It is written numerically, so that Kubernetes can verify <code>runAsNonRoot</code>.
     */
    @Parameter(property = "scratchpack.user", defaultValue = "65532:65532")
    private String user;

    /** The working directory of the container. */
    @Parameter(property = "scratchpack.workingDirectory", defaultValue = "/app")
    private String workingDirectory;

    /**
     * Files copied into the image, in the POM only: each <code>file</code> element has a <code>source</code>, a
     * <code>target</code> and a <code>mode</code>.
     */
    @Parameter
    private List<FileMapping> files;

    /**
     * CA certificates for <code>/etc/ssl/certs/ca-certificates.crt</code>: <code>true</code> takes the build JDK's trust
     * store, <code>false</code> leaves them out, and a file path takes that PEM bundle. <code>SSL_CERT_FILE</code> points
     * at the bundle.
     */
    @Parameter(property = "scratchpack.certificates", defaultValue = "true")
    private String certificates;

    /**
     * Whether the image also carries the certificates as a Java trust store, <code>/etc/ssl/certs/java/cacerts</code>
     * (PKCS#12, no password), and the entrypoint passes <code>-Djavax.net.ssl.trustStore=/etc/ssl/certs/java/cacerts
     * -Djavax.net.ssl.trustStoreType=PKCS12</code> to the executable. A GraalVM native executable ignores PEM bundles
     * and <code>SSL_CERT_FILE</code>: without this it trusts only the CA set its builder JDK had, embedded at build
     * time, and not the certificates of the image. <code>auto</code> does it when the executable is the one the
     * <code>native-image</code> goal built in this build; <code>true</code> for a native executable built elsewhere;
     * <code>false</code> never. With your own <code>entrypoint</code>, add those two options to it yourself.
     */
    @Parameter(property = "scratchpack.javaTrustStore", defaultValue = "auto")
    private String javaTrustStore;

    /**
     * The creation time of the image and the time stamped on every file: ISO-8601 or seconds since 1970. Default:
     * <code>project.build.outputTimestamp</code>, then the <code>SOURCE_DATE_EPOCH</code> environment variable, then 1970.
     */
    @Parameter(property = "scratchpack.creationTime", defaultValue = "${project.build.outputTimestamp}")
    private String creationTime;

    /**
     * Attaches the outputs to the project, so that <code>install</code> and <code>deploy</code> carry them and the Maven
     * Build Cache Extension stores and restores them: the tarball (type <code>tar</code>, classifier <code>image</code>),
     * <code>image.json</code> (type <code>json</code>, classifier <code>image</code>) and the SBOM (type
     * <code>json</code>, classifier <code>cyclonedx</code>). The same property turns off the <code>native-image</code>
     * goal's attached executable.
     */
    @Parameter(property = "scratchpack.attach", defaultValue = "true")
    private boolean attach;

    /**
     * Layer compression: <code>gzip</code> (parallel, read by every client), <code>zstd</code> (faster and smaller; needs
     * Docker 23+, containerd 1.5+ or podman) or <code>none</code> (fastest local loads, largest files). With one
     * scratchpack version, zstd layers are the same bytes on every host; gzip layers come from the build JDK's zlib,
     * and a JDK on another deflate (such as zlib-ng, Fedora's system zlib) gives other digests. <code>image.json</code>
     * names each layer's compressor.
     */
    @Parameter(property = "scratchpack.compression", defaultValue = "gzip")
    private String compression;

    /** The compression level: 1 to 9 for gzip (default 5), 1 to 19 for zstd (default 3); 0 means the default. */
    @Parameter(property = "scratchpack.compressionLevel", defaultValue = "0")
    private int compressionLevel;

    /** How many threads compress at once; 0 means one per core. The output is the same bytes whatever the count. */
    @Parameter(property = "scratchpack.threads", defaultValue = "0")
    private int threads;

    /** Skips this goal; <code>scratchpack.skip</code> skips every scratchpack goal. */
    @Parameter(property = "scratchpack.image.skip", defaultValue = "false")
    private boolean skip;

    /**
     * Writes <code>sbom.cdx.json</code> beside the tarball: a CycloneDX 1.6 SBOM of the image, by digest. It lists the
     * executable with its SHA-256; when the <code>native-image</code> goal of this build made it, also every runtime
     * dependency that went into it (package URL, SHA-256 of the jar, the licenses its POM declares, who depends on
     * whom) and native-image's version as the tool that built it; for an executable made elsewhere it says that what
     * went into it is unknown. It also lists the CA bundle, with where it came from, and the <code>files</code>, with
     * their SHA-256. The same inputs give the same bytes. <code>image.json</code> points to it (its <code>sbom</code>
     * field), for the <code>push</code> goal. <code>false</code> writes none and removes one an earlier build left.
     */
    @Parameter(property = "scratchpack.sbom", defaultValue = "true")
    private boolean sbom;

    /**
     * The source-control revision the image is built from, for its <code>org.opencontainers.image.revision</code>
     * annotation: set it when the build runs outside the checkout, such as from a source archive. Default: the full id
     * of the commit checked out in the git checkout that holds the project (read from <code>.git</code>: branches,
     * detached <code>HEAD</code>, packed refs and linked worktrees); no annotation outside a git checkout or before the
     * first commit. Uncommitted changes are not noted.
     */
    @Parameter(property = "scratchpack.revision")
    private String revision;

    @Parameter(defaultValue = "${plugin}", readonly = true, required = true)
    private PluginDescriptor plugin;

    @Override
    public void execute() throws MojoExecutionException, MojoFailureException {
        if (skipped("image", skip)) {
            return;
        }
        long started = System.nanoTime();
        Path binaryPath = binaryPath();
        ExecutableContents contents = executableContents(binaryPath);
        ImageSpec spec = spec(binaryPath, contents);
        SbomFile sbomFile = sbomFile(spec, contents);
        Path out = tarball.toPath();
        TarballBuild.Result result;
        try {
            result = new TarballBuild(workDirectory().resolve("cache")).run(spec, out, reportPath(), sbomFile);
        } catch (IOException e) {
            throw failures().error("Writing the image tarball " + out + " failed: " + e.getMessage(), e);
        }
        Image built = result.image();
        ImageSummary.lines(built, out, sbomFile == null ? null : sbomFile.path(), project.getBasedir().toPath(),
                new ArrayList<>(spec.ports())).forEach(getLog()::info);
        long millis = (System.nanoTime() - started) / 1_000_000;
        getLog().info(result.unchanged()
                ? "Image unchanged since the last build; " + out.getFileName() + " left as it was (" + millis + " ms)"
                : "Image written in " + millis + " ms");
        if (attach) {
            projectHelper.attachArtifact(project, "tar", "image", tarball);
            projectHelper.attachArtifact(project, "json", "image", reportPath().toFile());
            if (sbomFile != null) {
                projectHelper.attachArtifact(project, "json", "cyclonedx", sbomFile.path().toFile());
            }
        }
    }

    private ImageSpec spec(Path binaryPath, ExecutableContents contents) throws MojoFailureException,
            MojoExecutionException {
        try {
            ElfInfo elf = StaticExecutableCheck.check(binaryPath);
            ImageSpec.Builder builder = ImageSpec.builder(binaryPath, elf, ImageReference.parse(image));
            moreTags().forEach(builder::tag);
            builder.entrypoint(nonNull(entrypoint)).args(nonNull(args)).user(user).workingDirectory(workingDirectory);
            nonNull(environment).forEach(builder::environment);
            nonNull(ports).forEach(builder::port);
            nonNull(labels).forEach(builder::label);
            for (FileMapping file : nonNull(files)) {
                builder.file(file.getSource() == null ? null : file.getSource().toPath(), file.getTarget(), file.getMode());
            }
            byte[] bundle = certificateBundle();
            builder.certificates(bundle);
            if (javaTrust(binaryPath)) {
                if (bundle == null) {
                    getLog().info("certificates=false: the image has no CA certificates. A Java native executable still"
                            + " trusts the CA set embedded when it was built: the cacerts of the JDK native-image ran on.");
                } else {
                    builder.javaTrustStore(JavaTrustStore.fromPem(bundle, workDirectory().resolve("cache/certificates")));
                    if (entrypoint != null && !entrypoint.isEmpty()) {
                        getLog().warn("entrypoint is set, so the image's Java trust store " + JavaTrustStore.PATH + " is"
                                + " used only if it passes " + String.join(" ", JavaTrustStore.RUNTIME_OPTIONS)
                                + " to the executable; add them to entrypoint.");
                    }
                }
            }
            builder.creationTime(CreationTime.resolve(creationTime, System.getenv("SOURCE_DATE_EPOCH")));
            builder.compression(Compression.parse(compression), compressionLevel);
            builder.threads(threads > 0 ? threads : Runtime.getRuntime().availableProcessors());
            annotate(builder, contents);
            return builder.build();
        } catch (ElfFormatException | IllegalArgumentException e) {
            throw failures().failure(e.getMessage(), e);
        } catch (IOException e) {
            throw failures().error("Reading " + binaryPath + " failed: " + e.getMessage(), e);
        }
    }

    /** The SBOM to write with the image, or {@code null} when {@link #sbom} is off: then an old one is removed. */
    private SbomFile sbomFile(ImageSpec spec, ExecutableContents contents) throws MojoExecutionException {
        Path path = tarball.toPath().toAbsolutePath().resolveSibling(SBOM_FILE_NAME);
        try {
            if (!sbom) {
                if (Files.deleteIfExists(path)) {
                    getLog().info("sbom=false: removed " + path + ", which an earlier build wrote");
                }
                return null;
            }
            SbomContext context = new SbomContext(contents, certificateSource(),
                    project.getBasedir().toPath(), plugin.getVersion());
            return new SbomFile(path, ImageSbom.MEDIA_TYPE, ImageSbom.inputs(spec, context),
                    image -> ImageSbom.cycloneDx(spec, image, context));
        } catch (IOException e) {
            throw failures().error("Preparing the SBOM " + path + " failed: " + e.getMessage()
                    + ". Set scratchpack.sbom=false to build without one.", e);
        }
    }

    /**
     * What the native-image goal recorded about the executable it made in this build; {@code null} for an executable
     * made elsewhere, or when the record is missing or describes another executable.
     */
    private ExecutableContents executableContents(Path binaryPath) throws MojoExecutionException {
        try {
            return readExecutableContents(binaryPath);
        } catch (IOException e) {
            throw failures().error("Reading what went into " + binaryPath + " from "
                    + ExecutableContents.fileFor(binaryPath) + " failed: " + e.getMessage()
                    + ". Run scratchpack:native-image again.", e);
        }
    }

    private ExecutableContents readExecutableContents(Path binaryPath) throws IOException {
        String name = binaryPath.getFileName().toString();
        if (!builtByNativeImage(binaryPath)) {
            if (sbom) {
                getLog().info("SBOM: " + name + " was not made by native-image in this build, so the SBOM lists it by"
                        + " its SHA-256 alone");
            }
            return null;
        }
        Object digest = project.getContextValue(NativeImageMojo.DIGEST_CONTEXT_KEY);
        ExecutableContents contents = (digest instanceof String known ? ExecutableContents.readFor(binaryPath, known)
                : ExecutableContents.readFor(binaryPath)).orElse(null);
        if (contents == null) {
            getLog().warn("The native-image goal made " + binaryPath + " in this build, but "
                    + ExecutableContents.fileFor(binaryPath) + " is missing or describes another executable: the SBOM"
                    + " lists the executable without what went into it. Run scratchpack:native-image again.");
        } else if (sbom) {
            getLog().info("SBOM: " + name + " with the " + contents.libraries().size()
                    + " runtime libraries native-image built it from");
        }
        return contents;
    }

    /** The executable to package: {@link #binary}, else what native-image made in this build, else the default name. */
    private Path binaryPath() {
        if (binary != null) {
            return binary.toPath();
        }
        Object built = project.getContextValue(NativeImageMojo.EXECUTABLE_CONTEXT_KEY);
        if (built instanceof Path executable) {
            return executable;
        }
        return Path.of(project.getBuild().getDirectory(), imageName == null || imageName.isBlank()
                ? project.getArtifactId() : imageName.trim());
    }

    /** Whether the executable gets the image's certificates as a Java trust store: see {@link #javaTrustStore}. */
    private boolean javaTrust(Path binaryPath) {
        String setting = javaTrustStore == null ? "auto" : javaTrustStore.trim().toLowerCase(Locale.ROOT);
        switch (setting) {
            case "true":
                return true;
            case "false":
                return false;
            case "auto":
                return builtByNativeImage(binaryPath);
            default:
                throw new IllegalArgumentException("javaTrustStore \"" + javaTrustStore + "\" is not auto, true or false."
                        + " Set scratchpack.javaTrustStore to one of those.");
        }
    }

    /** Whether the executable is the one the native-image goal made or found up to date earlier in this build. */
    private boolean builtByNativeImage(Path binaryPath) {
        return binaryPath.equals(project.getContextValue(NativeImageMojo.EXECUTABLE_CONTEXT_KEY));
    }

    /** Where {@link #certificateBundle()} takes the CA certificates from, for the SBOM; {@code null} for none. */
    private String certificateSource() {
        String setting = certificates == null ? "true" : certificates.trim();
        if (setting.equalsIgnoreCase("false")) {
            return null;
        }
        if (setting.equalsIgnoreCase("true") || setting.isEmpty()) {
            return "the trust store (lib/security/cacerts) of the JDK that ran Maven, " + System.getProperty("java.vendor")
                    + " " + System.getProperty("java.version");
        }
        return "the PEM file " + setting + " of the project";
    }

    private byte[] certificateBundle() throws IOException {
        String setting = certificates == null ? "true" : certificates.trim();
        if (setting.equalsIgnoreCase("false")) {
            return null;
        }
        if (setting.equalsIgnoreCase("true") || setting.isEmpty()) {
            return CaCertificates.fromJavaRuntime(Path.of(System.getProperty("java.home")), workDirectory().resolve("cache/certificates"));
        }
        return CaCertificates.fromPemFile(project.getBasedir().toPath().resolve(setting));
    }

    private void annotate(ImageSpec.Builder builder, ExecutableContents contents) {
        String prefix = "org.opencontainers.image.";
        builder.annotation(prefix + "title", project.getName() != null ? project.getName() : project.getArtifactId());
        builder.annotation(prefix + "description", project.getDescription());
        builder.annotation(prefix + "version", project.getVersion());
        builder.annotation(prefix + "url", project.getUrl());
        builder.annotation(prefix + "licenses", licenses(contents));
        if (project.getOrganization() != null) {
            builder.annotation(prefix + "vendor", project.getOrganization().getName());
        }
        if (project.getScm() != null) {
            builder.annotation(prefix + "source", project.getScm().getUrl());
        }
        builder.annotation(prefix + "revision", revision != null && !revision.isBlank() ? revision : checkedOut());
    }

    /** The commit of the git checkout that holds the project; {@code null} when there is none or it cannot be read. */
    private String checkedOut() {
        Path base = project.getBasedir().toPath();
        try {
            return SourceRevision.of(base).orElse(null);
        } catch (IOException e) {
            getLog().warn("The image has no org.opencontainers.image.revision: the git checkout of " + base
                    + " could not be read (" + e.getMessage() + "). Set scratchpack.revision.");
            return null;
        }
    }

    /**
     * The SPDX expression of the licenses of the application and, when native-image built the executable in this
     * build, of the libraries in it; see {@link LicenseExpression}.
     */
    private String licenses(ExecutableContents contents) {
        List<Library> components = new ArrayList<>();
        if (contents != null && contents.application() != null) {
            components.add(contents.application());
            components.addAll(contents.libraries());
        } else {
            components.add(new Library(project.getGroupId(), project.getArtifactId(), project.getVersion(), "jar", null,
                    null, project.getLicenses().stream().map(license -> new DeclaredLicense(blankToNull(license.getName()),
                    blankToNull(license.getUrl()))).filter(license -> license.name() != null || license.url() != null)
                    .toList(), List.of()));
        }
        LicenseExpression expression = LicenseExpression.of(components);
        expression.leftOut().forEach(license -> getLog().info("org.opencontainers.image.licenses leaves out " + license
                + ": it has no SPDX license identifier (the SBOM lists it as the POM declares it)"));
        return expression.expression();
    }

    private static String blankToNull(String text) {
        return text == null || text.isBlank() ? null : text.trim();
    }

    private Path workDirectory() {
        return Path.of(project.getBuild().getDirectory(), "scratchpack");
    }

    private static <T> List<T> nonNull(List<T> list) {
        return list == null ? List.of() : list;
    }

    private static Map<String, String> nonNull(Map<String, String> map) {
        return map == null ? Map.of() : map;
    }
}
