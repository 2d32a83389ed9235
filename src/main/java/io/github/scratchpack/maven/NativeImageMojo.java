package io.github.scratchpack.maven;

import io.github.scratchpack.nativeimage.BuildMode;
import io.github.scratchpack.nativeimage.BuilderContainer;
import io.github.scratchpack.nativeimage.HostEnvironment;
import io.github.scratchpack.nativeimage.NativeImageBuild;
import io.github.scratchpack.nativeimage.NativeImageException;
import io.github.scratchpack.nativeimage.NativeImageRequest;
import io.github.scratchpack.nativeimage.ReachabilityMetadata;
import java.io.File;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.jar.JarFile;
import java.util.jar.Manifest;
import org.apache.maven.artifact.Artifact;
import org.apache.maven.artifact.DependencyResolutionRequiredException;
import org.apache.maven.execution.MavenSession;
import org.apache.maven.plugin.MojoExecutionException;
import org.apache.maven.plugin.MojoFailureException;
import org.apache.maven.plugins.annotations.Component;
import org.apache.maven.plugins.annotations.LifecyclePhase;
import org.apache.maven.plugins.annotations.Mojo;
import org.apache.maven.plugins.annotations.Parameter;
import org.apache.maven.plugins.annotations.ResolutionScope;
import org.apache.maven.project.MavenProject;
import org.apache.maven.project.ProjectBuilder;
import org.apache.maven.toolchain.Toolchain;
import org.apache.maven.toolchain.ToolchainManager;
import org.eclipse.aether.RepositorySystem;
import org.eclipse.aether.RepositorySystemSession;
import org.eclipse.aether.artifact.DefaultArtifact;
import org.eclipse.aether.resolution.ArtifactRequest;
import org.eclipse.aether.resolution.ArtifactResolutionException;

/**
 * Compiles the application with GraalVM <code>native-image --static --libc=musl</code> into a fully static Linux
 * executable, <code>${project.build.directory}/${imageName}</code>: by default exactly the file the <code>image</code> goal
 * packages, so declare this goal before <code>image</code> in the same execution.
 *
 * <p>GraalVM is looked for in the Maven toolchain, <code>graalvmHome</code>, <code>GRAALVM_HOME</code>, <code>JAVA_HOME</code> and
 * <code>native-image</code> on <code>PATH</code>, in that order; without one, the build runs in <code>builderImage</code> with podman
 * or docker. Before the long build starts, the goal checks in seconds that the musl compiler, a zlib built for musl
 * and GraalVM's static JDK libraries are there. A fingerprint of the inputs next to the executable lets a build
 * with nothing changed skip native-image. Beside it, <code>${imageName}.contents.json</code> records what went into
 * the executable (the runtime dependencies with their digests, licenses and dependency relationships, and the
 * builder's version), for the SBOM that the <code>image</code> goal writes.
 */
@Mojo(name = "native-image", defaultPhase = LifecyclePhase.PACKAGE, threadSafe = true,
        requiresDependencyResolution = ResolutionScope.RUNTIME)
public class NativeImageMojo extends AbstractSkippableMojo {
    /** The project context key under which this goal leaves the executable for the <code>image</code> goal. */
    static final String EXECUTABLE_CONTEXT_KEY = "scratchpack.native-image.executable";
    /** The key of the executable's {@code sha256:<hex>} digest, beside its path, so the image goal need not hash it. */
    static final String DIGEST_CONTEXT_KEY = "scratchpack.native-image.digest";

    @Parameter(defaultValue = "${project}", readonly = true, required = true)
    private MavenProject project;

    @Parameter(defaultValue = "${session}", readonly = true, required = true)
    private MavenSession session;

    @Parameter(defaultValue = "${repositorySystemSession}", readonly = true, required = true)
    private RepositorySystemSession repositorySession;

    @Component
    private ToolchainManager toolchainManager;

    @Component
    private RepositorySystem repositorySystem;

    @Component
    private ProjectBuilder projectBuilder;

    /**
     * The class whose <code>main</code> method the executable runs. Default: the <code>Main-Class</code> of the project jar's
     * manifest.
     */
    @Parameter(property = "scratchpack.mainClass")
    private String mainClass;

    /**
     * The executable's file name. It is written to <code>${project.build.directory}/${imageName}</code>, which the
     * <code>image</code> goal packages when its <code>binary</code> is not set.
     */
    @Parameter(property = "scratchpack.imageName", defaultValue = "${project.artifactId}")
    private String imageName;

    /**
     * More native-image arguments, passed on as they are after the plugin's own, one <code>buildArg</code> element
     * each, such as <code>--enable-url-protocols=https</code>; comma-separated on the command line.
     */
    @Parameter(property = "scratchpack.buildArgs")
    private List<String> buildArgs;

    /** The GraalVM home directory to use, the one that holds <code>bin/native-image</code>. Tried after a Maven toolchain. */
    @Parameter(property = "scratchpack.graalvmHome")
    private File graalvmHome;

    /**
     * Passes <code>-Ob</code>: a quicker build with less memory, and a slower executable. For development builds.
     */
    @Parameter(property = "scratchpack.quickBuild", defaultValue = "false")
    private boolean quickBuild;

    /**
     * The machine type native-image compiles for (<code>-march</code>). The default, <code>compatibility</code>, runs on
     * every x86-64 CPU. native-image's own default, <code>x86-64-v3</code>, needs AVX2 and friends, and an image built
     * FROM scratch is run on whatever hosts a cluster has: an executable that needs what the CPU lacks stops at
     * start-up. Choose <code>x86-64-v3</code> or <code>native</code> only when you know where it runs.
     */
    @Parameter(property = "scratchpack.march", defaultValue = "compatibility")
    private String march;

    /**
     * The builder's maximum heap, passed as <code>-J-Xmx</code> followed by the value, such as <code>8g</code>.
     * Unset, native-image chooses from the machine's memory. Lower it when a build is killed for lack of memory (exit code 137).
     */
    @Parameter(property = "scratchpack.builderMemory")
    private String builderMemory;

    /** Skips this goal; <code>scratchpack.skip</code> skips every scratchpack goal. */
    @Parameter(property = "scratchpack.native-image.skip", defaultValue = "false")
    private boolean skip;

    /**
     * Skips this goal.
     *
     * @deprecated Use <code>skip</code>, property <code>scratchpack.native-image.skip</code>.
     */
    @Deprecated
    @Parameter(property = "scratchpack.skipNative", defaultValue = "false")
    private boolean skipNative;

    /** Builds even when the executable is up to date with its inputs. */
    @Parameter(property = "scratchpack.force", defaultValue = "false")
    private boolean force;

    /**
     * Where native-image runs: <code>auto</code> (a GraalVM on this machine when one is found, else <code>builderImage</code>
     * with podman or docker), <code>local</code> (only a GraalVM on this machine) or <code>container</code> (always
     * <code>builderImage</code>).
     */
    @Parameter(property = "scratchpack.mode", defaultValue = "auto")
    private String mode;

    /**
     * The container image that builds when no local GraalVM is used. It must have <code>native-image</code> on its
     * <code>PATH</code> and a musl toolchain with zlib, as GraalVM's <code>-muslib</code> images do. The project's classpath
     * is mounted read-only and the build directory read-write; native-image runs as the user who runs Maven.
     */
    @Parameter(property = "scratchpack.builderImage", defaultValue = "ghcr.io/graalvm/native-image-community:25-muslib")
    private String builderImage;

    /**
     * The engine that runs <code>builderImage</code>, chosen as every goal of this plugin chooses it:
     * <code>docker</code>, <code>podman</code>, or <code>auto</code>, which takes docker when its daemon answers and
     * podman otherwise. The same property steers <code>load</code> and <code>smoke-test</code>.
     */
    @Parameter(property = "scratchpack.engine", defaultValue = "auto")
    private String engine;

    /**
     * Treats the engine as remote even when <code>DOCKER_HOST</code> (docker) or <code>CONTAINER_HOST</code> (podman)
     * does not name a remote address, as with a docker context that does: the classpath and the argfile are copied
     * into the builder container and the executable out of it, instead of being bind-mounted. An address other than
     * <code>unix://</code> in those variables makes the engine remote without this.
     */
    @Parameter(property = "scratchpack.remoteEngine", defaultValue = "false")
    private boolean remoteEngine;

    /**
     * More options for the builder container's <code>run</code> (or <code>create</code>, with a remote engine), one
     * <code>builderRunOption</code> element each, such as <code>--network=host</code> or <code>--memory=8g</code>;
     * comma-separated on the command line. They come after the plugin's own, which mount the build directory with
     * <code>:z</code> and turn SELinux label separation off (<code>--security-opt label=disable</code>) for the
     * read-only classpath, so that builds work on SELinux hosts such as Fedora and RHEL.
     */
    @Parameter(property = "scratchpack.builderRunOptions")
    private List<String> builderRunOptions;

    /**
     * The musl C compiler, as a path or a name on <code>PATH</code>, passed with <code>--native-compiler-path</code>. Unset,
     * it is <code>x86_64-linux-musl-gcc</code> on <code>PATH</code>, the name native-image looks for (Debian's and Ubuntu's
     * <code>musl-tools</code> install it). A zlib built for musl must be where this compiler finds its libraries.
     */
    @Parameter(property = "scratchpack.muslCompiler")
    private String muslCompiler;

    /**
     * Whether libraries get their reflection, resource and proxy configuration from the GraalVM reachability
     * metadata repository, as native-maven-plugin does. For each runtime dependency the repository knows, the
     * metadata tested with that exact version is used, else the one meant for that version range, else the newest
     * (the log says which). The chosen directories are copied to
     * <code>target/scratchpack-native/reachability-metadata</code> and passed with
     * <code>-H:ConfigurationFileDirectories</code>; their content is part of the up-to-date check.
     */
    @Parameter(property = "scratchpack.metadataRepository", defaultValue = "true")
    private boolean metadataRepository;

    /**
     * The version of the metadata repository (<code>org.graalvm.buildtools:graalvm-reachability-metadata</code>, its
     * <code>repository</code> zip) resolved from the project's repositories. 0.11.5 is the newest release written in
     * the per-kind files (<code>reflect-config.json</code>, ...) that every GraalVM for JDK 17 and newer reads; the 1.x
     * releases use <code>reachability-metadata.json</code>, which only GraalVM for JDK 23 and newer reads.
     */
    @Parameter(property = "scratchpack.metadataRepositoryVersion", defaultValue = "0.11.5")
    private String metadataRepositoryVersion;

    /**
     * A metadata repository on disk, used instead of resolving one: its <code>repository</code> zip, or a directory
     * with the repository's <code>index.json</code> at its top (a checkout of github.com/oracle/graalvm-reachability-metadata's
     * <code>metadata</code> directory, or your own in the same layout).
     */
    @Parameter(property = "scratchpack.metadataRepositoryPath")
    private File metadataRepositoryPath;

    @Override
    public void execute() throws MojoExecutionException, MojoFailureException {
        if (skipped("native-image", skip,
                SkipSwitch.deprecated("scratchpack.skipNative", skipNative, goalSkipProperty("native-image")))) {
            return;
        }
        Path buildDirectory = Path.of(project.getBuild().getDirectory());
        Path jar = projectJar();
        List<Path> classpath = classpath(jar);
        Path workDirectory = buildDirectory.resolve("scratchpack-native");
        NativeImageRequest request = new NativeImageRequest(mainClass(jar), classpath, buildDirectory.resolve(imageName),
                buildArgs == null ? List.of() : buildArgs.stream().filter(arg -> !arg.isBlank()).toList(),
                quickBuild, march, builderMemory == null || builderMemory.isBlank() ? null : builderMemory.trim(),
                reachabilityMetadata(workDirectory.resolve("reachability-metadata")));
        try {
            BuilderContainer container = new BuilderContainer(builderImage, engine, remoteEngine, builderRunOptions == null
                    ? List.of() : builderRunOptions.stream().filter(option -> !option.isBlank()).toList());
            NativeImageBuild.Settings settings = new NativeImageBuild.Settings(request, BuildMode.parse(mode), container,
                    graalvmHome == null ? null : graalvmHome.toPath(), toolchainNativeImage(), muslCompiler, force,
                    workDirectory, project.getBasedir().toPath());
            NativeImageBuild.Outcome outcome = new NativeImageBuild(HostEnvironment.current(), getLog()::info).run(settings);
            new RuntimeLibraries(project, session, projectBuilder, getLog())
                    .contents(outcome.digest(), outcome.builder(), jar).writeFor(outcome.executable());
            project.setContextValue(EXECUTABLE_CONTEXT_KEY, outcome.executable());
            project.setContextValue(DIGEST_CONTEXT_KEY, outcome.digest());
            if (outcome.built()) {
                getLog().info(String.format(Locale.ROOT, "Built %s (%s) in %s%s", outcome.executable(),
                        ImageSummary.size(outcome.size()), duration(outcome.duration().toMillis()),
                        outcome.peakMemory().map(peak -> ", native-image peak memory " + peak).orElse("")));
            }
        } catch (NativeImageException e) {
            throw BuildFailures.failure(getLog(), e.getMessage(), e);
        } catch (IOException e) {
            throw BuildFailures.error(getLog(), "native-image for " + request.output() + " failed: " + e.getMessage(), e);
        }
    }

    /** Chooses and copies the reachability metadata of the runtime dependencies; none when it is turned off. */
    private List<Path> reachabilityMetadata(Path destination) throws MojoExecutionException, MojoFailureException {
        if (!metadataRepository) {
            getLog().info("Reachability metadata repository: off (scratchpack.metadataRepository=false)");
            return List.of();
        }
        List<ReachabilityMetadata.Library> libraries = new ArrayList<>();
        for (Artifact artifact : RuntimeLibraries.of(project)) {
            libraries.add(new ReachabilityMetadata.Library(artifact.getGroupId(), artifact.getArtifactId(),
                    artifact.getBaseVersion()));
        }
        if (libraries.isEmpty()) {
            return List.of();
        }
        Path repository = metadataRepositoryPath != null ? metadataRepositoryPath.toPath() : resolveMetadataRepository();
        try {
            List<ReachabilityMetadata.Match> matches = ReachabilityMetadata.prepare(repository, libraries, destination);
            getLog().info("Reachability metadata from " + repository + ": " + (matches.isEmpty()
                    ? "none of the " + libraries.size() + " runtime dependencies needs any"
                    : matches.size() + " of " + libraries.size() + " runtime dependencies"));
            matches.forEach(match -> getLog().info("  " + match.describe()));
            return matches.stream().map(ReachabilityMetadata.Match::directory).toList();
        } catch (NativeImageException e) {
            throw BuildFailures.failure(getLog(), e.getMessage() + " Fix metadataRepositoryPath, or set"
                    + " scratchpack.metadataRepository=false to build without it.", e);
        } catch (IOException e) {
            throw BuildFailures.error(getLog(), "Reading the reachability metadata repository " + repository + " failed: "
                    + e + ". Fix metadataRepositoryPath, or set scratchpack.metadataRepository=false.", e);
        }
    }

    private Path resolveMetadataRepository() throws MojoFailureException {
        DefaultArtifact artifact = new DefaultArtifact("org.graalvm.buildtools", "graalvm-reachability-metadata",
                "repository", "zip", metadataRepositoryVersion);
        try {
            return repositorySystem.resolveArtifact(repositorySession,
                    new ArtifactRequest(artifact, project.getRemoteProjectRepositories(), null)).getArtifact().getFile().toPath();
        } catch (ArtifactResolutionException e) {
            throw BuildFailures.failure(getLog(), "The GraalVM reachability metadata repository " + artifact + " could"
                    + " not be resolved (" + e.getMessage() + "). Build online once, set metadataRepositoryVersion to one"
                    + " that is in your repositories or metadataRepositoryPath to a copy on disk, or set"
                    + " scratchpack.metadataRepository=false to build without it.", e);
        }
    }

    private Path projectJar() {
        File file = project.getArtifact() == null ? null : project.getArtifact().getFile();
        return file != null && file.isFile() && file.getName().endsWith(".jar") ? file.toPath() : null;
    }

    /** The project's jar, or its classes directory before there is a jar, then the runtime dependencies in order. */
    private List<Path> classpath(Path jar) throws MojoExecutionException {
        Path classes = Path.of(project.getBuild().getOutputDirectory()).toAbsolutePath().normalize();
        Set<Path> entries = new LinkedHashSet<>();
        entries.add(jar != null ? jar : classes);
        try {
            for (String element : project.getRuntimeClasspathElements()) {
                Path entry = Path.of(element).toAbsolutePath().normalize();
                if (!entry.equals(classes) && Files.exists(entry)) {
                    entries.add(entry);
                }
            }
        } catch (DependencyResolutionRequiredException e) {
            throw BuildFailures.error(getLog(), "The runtime dependencies of " + project.getId() + " are not resolved", e);
        }
        return new ArrayList<>(entries);
    }

    private String mainClass(Path jar) throws MojoExecutionException {
        if (mainClass != null && !mainClass.isBlank()) {
            return mainClass.trim();
        }
        if (jar == null) {
            return null;
        }
        try (JarFile file = new JarFile(jar.toFile())) {
            Manifest manifest = file.getManifest();
            return manifest == null ? null : manifest.getMainAttributes().getValue("Main-Class");
        } catch (IOException e) {
            throw BuildFailures.error(getLog(), "Reading the manifest of " + jar + " failed: " + e.getMessage(), e);
        }
    }

    private Path toolchainNativeImage() {
        Toolchain toolchain = toolchainManager == null ? null : toolchainManager.getToolchainFromBuildContext("jdk", session);
        String tool = toolchain == null ? null : toolchain.findTool("native-image");
        if (toolchain != null && tool == null) {
            getLog().debug("The jdk toolchain " + toolchain + " has no native-image; looking further");
        }
        return tool == null ? null : Path.of(tool);
    }

    private static String duration(long millis) {
        long seconds = millis / 1000;
        return seconds >= 60 ? String.format(Locale.ROOT, "%d min %02d s", seconds / 60, seconds % 60)
                : String.format(Locale.ROOT, "%.1f s", millis / 1000.0);
    }
}
