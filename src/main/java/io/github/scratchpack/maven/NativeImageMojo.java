package io.github.scratchpack.maven;

import io.github.scratchpack.nativeimage.ApplicationNativeImageProperties;
import io.github.scratchpack.elf.ElfFormatException;
import io.github.scratchpack.elf.ElfReader;
import io.github.scratchpack.nativeimage.BuildMode;
import io.github.scratchpack.nativeimage.BuilderIdentity;
import io.github.scratchpack.nativeimage.BuilderContainer;
import io.github.scratchpack.nativeimage.GraalVmLocator;
import io.github.scratchpack.nativeimage.HostEnvironment;
import io.github.scratchpack.nativeimage.NativeImageBuild;
import io.github.scratchpack.nativeimage.NativeImageException;
import io.github.scratchpack.nativeimage.MainClassSearch;
import io.github.scratchpack.nativeimage.NativeImageRequest;
import io.github.scratchpack.nativeimage.ProjectJar;
import io.github.scratchpack.nativeimage.ReachabilityMetadata;
import io.github.scratchpack.nativeimage.ResourceDetection;
import io.github.scratchpack.nativeimage.SpringBootAot;
import io.github.scratchpack.nativeimage.TargetPlatform;
import io.github.scratchpack.sbom.ExecutableContents;
import java.io.File;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import org.apache.maven.artifact.Artifact;
import org.apache.maven.artifact.DependencyResolutionRequiredException;
import org.apache.maven.execution.MavenSession;
import org.apache.maven.model.Plugin;
import org.apache.maven.plugin.MojoExecutionException;
import org.apache.maven.plugin.MojoFailureException;
import org.apache.maven.plugins.annotations.Component;
import org.apache.maven.plugins.annotations.LifecyclePhase;
import org.apache.maven.plugins.annotations.Mojo;
import org.apache.maven.plugins.annotations.Parameter;
import org.apache.maven.plugins.annotations.ResolutionScope;
import org.apache.maven.project.MavenProject;
import org.apache.maven.project.MavenProjectHelper;
import org.apache.maven.toolchain.Toolchain;
import org.apache.maven.toolchain.ToolchainManager;
import org.codehaus.plexus.util.xml.Xpp3Dom;
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
 *
 * <p>The executable is attached to the project (type <code>bin</code>, classifier <code>platform</code>, such as
 * <code>linux-amd64</code>), so that <code>install</code>, <code>deploy</code> and the Maven Build Cache Extension carry it;
 * <code>attach</code> turns that off.
 */
@Mojo(name = "native-image", defaultPhase = LifecyclePhase.PACKAGE, threadSafe = true,
        requiresDependencyResolution = ResolutionScope.RUNTIME)
public class NativeImageMojo extends AbstractSkippableMojo {
    /** The project context key under which this goal leaves the executable for the <code>image</code> goal. */
    static final String EXECUTABLE_CONTEXT_KEY = "scratchpack.native-image.executable";
    private static final String SPRING_BOOT_PLUGIN = "org.springframework.boot:spring-boot-maven-plugin";
    /** The type of the attached executable. */
    static final String EXECUTABLE_TYPE = "bin";
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
    private MavenProjectHelper projectHelper;

    /**
     * The class whose <code>main</code> method the executable runs. Unset, it is taken from the first of these that
     * names one: the <code>Start-Class</code> of a jar that Spring Boot repackaged, the <code>mainClass</code> of
     * <code>spring-boot-maven-plugin</code>, the <code>start-class</code> property (Spring Boot's convention), the
     * <code>exec.mainClass</code> property (Micronaut's), the <code>Main-Class</code> of the project jar's manifest,
     * and an <code>-H:Class=</code> in the application's own <code>META-INF/native-image/.../native-image.properties</code>
     * (which Spring Boot's <code>process-aot</code> writes). The log says which one was used.
     *
     * <p>A jar that Spring Boot repackaged or maven-shade-plugin filled with the dependencies is never compiled:
     * native-image gets the project's classes directory and its runtime dependencies, whichever order the goals run in. A Spring Boot main class without the output of
     * Spring's <code>process-aot</code> fails the build before native-image runs.
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

    /**
     * Whether the application's own resources (files in its jar or classes directory other than classes, such as
     * <code>application.yml</code> or <code>logback.xml</code>) go into the executable: they are listed in a generated
     * <code>resource-config.json</code> in <code>target/scratchpack-native/detected-resources</code>. Unset, it follows
     * the <code>resources.autodetection.enabled</code> property, which native-maven-plugin reads for the same purpose
     * and Micronaut's parent POM sets to <code>true</code>; without that property it is off, and native-image includes
     * only the resources that configuration names.
     */
    @Parameter(property = "scratchpack.resourceDetection")
    private Boolean resourceDetection;

    /**
     * Attaches the executable to the project, type <code>bin</code> and classifier <code>platform</code>
     * (<code>${artifactId}-${version}-linux-amd64.bin</code> in a Maven repository), so that <code>install</code> and
     * <code>deploy</code> carry it and the Maven Build Cache Extension stores and restores it. The same property turns
     * off the <code>image</code> goal's attachments.
     */
    @Parameter(property = "scratchpack.attach", defaultValue = "true")
    private boolean attach;

    /**
     * The platform the executable runs on, as <code>os-arch</code>: the classifier of the attached executable, and a
     * value the Maven Build Cache Extension records and compares (see docs/ci.md), so that a runner of another
     * platform misses its cache. Default: this machine's, such as <code>linux-amd64</code>. native-image builds for the
     * machine it runs on, so the goal fails when the executable it made is for another platform than this.
     */
    @Parameter(property = "scratchpack.platform")
    private String platform = TargetPlatform.host(System.getProperty("os.name"), System.getProperty("os.arch"));

    /**
     * Which GraalVM builds, for the Maven Build Cache Extension to record and compare (see docs/ci.md), so that a
     * runner with another GraalVM misses its cache: the version lines of the GraalVM home's <code>release</code> file
     * and the size of its builder jar, or <code>builder image</code> when no local GraalVM builds. Default: the
     * GraalVM of <code>GRAALVM_HOME</code>, <code>JAVA_HOME</code> or <code>PATH</code>, read when the goal is
     * configured; after a build it holds the GraalVM that built. Leave it unset.
     */
    @Parameter(property = "scratchpack.builder")
    private String builder = BuilderIdentity.expected(System.getenv());

    @Override
    public void execute() throws MojoExecutionException, MojoFailureException {
        if (skipped("native-image", skip,
                SkipSwitch.deprecated("scratchpack.skipNative", skipNative, goalSkipProperty("native-image")))) {
            return;
        }
        Path buildDirectory = Path.of(project.getBuild().getDirectory());
        Path classes = Path.of(project.getBuild().getOutputDirectory()).toAbsolutePath().normalize();
        ProjectJar projectJar = projectJar();
        Path jar = projectJar == null || projectJar.bundlesDependencies() ? null : projectJar.path();
        if (projectJar != null && jar == null) {
            getLog().info(projectJar.path() + (projectJar.repackaged() ? " is a jar that Spring Boot repackaged"
                    : " is a jar that maven-shade-plugin filled with the dependencies") + "; building from " + classes
                    + " and the runtime dependencies instead");
        }
        List<Path> classpath = classpath(jar, classes);
        String applicationMainClass = mainClass(projectJar, classes);
        requireSpringBootAot(classes, applicationMainClass);
        Path workDirectory = buildDirectory.resolve("scratchpack-native");
        Metadata metadata = reachabilityMetadata(workDirectory.resolve("reachability-metadata"))
                .with(detectedResources(classpath.get(0), workDirectory.resolve("detected-resources")));
        List<String> arguments = new ArrayList<>(metadata.arguments());
        if (buildArgs != null) {
            buildArgs.stream().filter(arg -> !arg.isBlank()).forEach(arguments::add);
        }
        NativeImageRequest request = new NativeImageRequest(applicationMainClass, classpath, buildDirectory.resolve(imageName),
                arguments, quickBuild, march, builderMemory == null || builderMemory.isBlank() ? null : builderMemory.trim(),
                metadata.directories());
        try {
            BuilderContainer container = new BuilderContainer(builderImage, engine, remoteEngine, builderRunOptions == null
                    ? List.of() : builderRunOptions.stream().filter(option -> !option.isBlank()).toList());
            NativeImageBuild.Settings settings = new NativeImageBuild.Settings(request, BuildMode.parse(mode), container,
                    graalvmHome == null ? null : graalvmHome.toPath(), toolchainNativeImage(), muslCompiler, force,
                    workDirectory, project.getBasedir().toPath());
            NativeImageBuild.Outcome outcome = new NativeImageBuild(HostEnvironment.current(), getLog()::info).run(settings);
            new RuntimeLibraries(project, new PomLicenses(repositorySystem, repositorySession,
                    project.getRemoteProjectRepositories()), getLog())
                    .contents(outcome.digest(), outcome.builder(), jar, outcome.built() ? Optional.empty()
                            : ExecutableContents.readFor(outcome.executable(), outcome.digest()))
                    .writeFor(outcome.executable());
            project.setContextValue(EXECUTABLE_CONTEXT_KEY, outcome.executable());
            String built = TargetPlatform.of(ElfReader.read(outcome.executable()));
            if (!built.equals(platform)) {
                throw failures().failure("platform is " + platform + ", but native-image made a " + built
                        + " executable, " + outcome.executable() + ": native-image builds for the machine it runs on."
                        + " Leave scratchpack.platform unset, or build on a " + platform + " machine.", null);
            }
            builder = settings.mode() == BuildMode.CONTAINER ? BuilderIdentity.CONTAINER : BuilderIdentity.of(
                    GraalVmLocator.locate(settings.toolchainNativeImage(), settings.graalvmHome(), System.getenv()));
            if (attach) {
                projectHelper.attachArtifact(project, EXECUTABLE_TYPE, platform, outcome.executable().toFile());
            }
            project.setContextValue(DIGEST_CONTEXT_KEY, outcome.digest());
            if (outcome.built()) {
                getLog().info(String.format(Locale.ROOT, "Built %s (%s) in %s%s", outcome.executable(),
                        ImageSummary.size(outcome.size()), duration(outcome.duration().toMillis()),
                        outcome.peakMemory().map(peak -> ", native-image peak memory " + peak).orElse("")));
            }
        } catch (NativeImageException | ElfFormatException e) {
            throw failures().failure(e.getMessage(), e);
        } catch (IOException e) {
            throw failures().error("native-image for " + request.output() + " failed: " + e.getMessage(), e);
        }
    }

    /**
     * The reachability metadata of the runtime dependencies: the directories to pass to native-image, and the
     * arguments that leave out a jar's own metadata where the repository's overrides it (as native-maven-plugin does).
     */
    private record Metadata(List<Path> directories, List<String> arguments) {
        /** The same with one more configuration directory, if any. */
        Metadata with(Optional<Path> directory) {
            List<Path> all = new ArrayList<>(directories);
            directory.ifPresent(all::add);
            return new Metadata(all, arguments);
        }
    }

    /** The resource configuration of the application's own resources, when resource detection is on. */
    private Optional<Path> detectedResources(Path application, Path directory) throws MojoExecutionException {
        boolean on = resourceDetection != null ? resourceDetection
                : Boolean.parseBoolean(property("resources.autodetection.enabled").orElse("false"));
        if (!on) {
            return Optional.empty();
        }
        try {
            List<String> resources = ResourceDetection.resources(application);
            getLog().info("Resources of " + application + " included in the executable (" + (resourceDetection != null
                    ? "resourceDetection" : "resources.autodetection.enabled") + "): " + (resources.isEmpty() ? "none"
                    : String.join(", ", resources)));
            return Optional.of(ResourceDetection.write(resources, directory));
        } catch (IOException e) {
            throw failures().error("Listing the resources of " + application + " failed: " + e.getMessage(), e);
        }
    }

    /** Chooses and copies the reachability metadata of the runtime dependencies; none when it is turned off. */
    private Metadata reachabilityMetadata(Path destination) throws MojoExecutionException, MojoFailureException {
        if (!metadataRepository) {
            getLog().info("Reachability metadata repository: off (scratchpack.metadataRepository=false)");
            return new Metadata(List.of(), List.of());
        }
        Map<ReachabilityMetadata.Library, Path> jars = new LinkedHashMap<>();
        for (Artifact artifact : RuntimeLibraries.of(project)) {
            jars.put(new ReachabilityMetadata.Library(artifact.getGroupId(), artifact.getArtifactId(),
                    artifact.getBaseVersion()), artifact.getFile() == null ? null : artifact.getFile().toPath());
        }
        if (jars.isEmpty()) {
            return new Metadata(List.of(), List.of());
        }
        Path repository = metadataRepositoryPath != null ? metadataRepositoryPath.toPath() : resolveMetadataRepository();
        try {
            List<ReachabilityMetadata.Match> matches = ReachabilityMetadata.prepare(repository,
                    List.copyOf(jars.keySet()), destination);
            getLog().info("Reachability metadata from " + repository + ": " + (matches.isEmpty()
                    ? "none of the " + jars.size() + " runtime dependencies needs any"
                    : matches.stream().map(ReachabilityMetadata.Match::library).distinct().count() + " of "
                            + jars.size() + " runtime dependencies"));
            matches.forEach(match -> getLog().info("  " + match.describe()));
            List<String> arguments = new ArrayList<>();
            matches.stream().filter(ReachabilityMetadata.Match::override).map(match -> jars.get(match.library()))
                    .filter(Objects::nonNull).distinct()
                    .forEach(jarFile -> arguments.addAll(ReachabilityMetadata.excludeJarMetadata(jarFile)));
            return new Metadata(matches.stream().flatMap(match -> match.directory().stream()).distinct().toList(),
                    arguments);
        } catch (NativeImageException e) {
            throw failures().failure(e.getMessage() + " Fix metadataRepositoryPath, or set"
                    + " scratchpack.metadataRepository=false to build without it.", e);
        } catch (IOException e) {
            throw failures().error("Reading the reachability metadata repository " + repository + " failed: "
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
            throw failures().failure("The GraalVM reachability metadata repository " + artifact + " could"
                    + " not be resolved (" + e.getMessage() + "). Build online once, set metadataRepositoryVersion to one"
                    + " that is in your repositories or metadataRepositoryPath to a copy on disk, or set"
                    + " scratchpack.metadataRepository=false to build without it.", e);
        }
    }

    /** The project's jar, when the build made one before this goal; {@code null} otherwise. */
    private ProjectJar projectJar() throws MojoExecutionException {
        File file = project.getArtifact() == null ? null : project.getArtifact().getFile();
        if (file == null || !file.isFile() || !file.getName().endsWith(".jar")) {
            return null;
        }
        try {
            return ProjectJar.read(file.toPath());
        } catch (IOException e) {
            throw failures().error("Reading the manifest of " + file + " failed: " + e.getMessage(), e);
        }
    }

    /** The project's jar, or its classes directory when there is none to use, then the runtime dependencies in order. */
    private List<Path> classpath(Path jar, Path classes) throws MojoExecutionException {
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
            throw failures().error("The runtime dependencies of " + project.getId() + " are not resolved", e);
        }
        return new ArrayList<>(entries);
    }

    /**
     * The main class from the first place that names one: this goal's parameter, then the places the frameworks'
     * own builds take it from (Spring Boot's and Micronaut's parents among them), then the application's own
     * native-image.properties, where Spring's ahead-of-time processing writes it.
     */
    private String mainClass(ProjectJar jar, Path classes) throws MojoExecutionException, MojoFailureException {
        MainClassSearch search;
        try {
            search = new MainClassSearch()
                    .look("mainClass (scratchpack.mainClass)", mainClass)
                    .look("the Start-Class of the jar Spring Boot repackaged", jar == null ? Optional.empty() : jar.startClass())
                    .look("the mainClass of spring-boot-maven-plugin", pluginSetting(SPRING_BOOT_PLUGIN, "mainClass"))
                    .look("the start-class property", property("start-class"))
                    .look("the exec.mainClass property", property("exec.mainClass"))
                    .look("the Main-Class of the project jar's manifest", jar == null ? Optional.empty() : jar.mainClass())
                    .look("-H:Class in the application's META-INF/native-image/**/native-image.properties",
                            ApplicationNativeImageProperties.mainClass(classes));
        } catch (IOException e) {
            throw failures().error("Reading " + classes + "/META-INF/native-image failed: " + e.getMessage(), e);
        }
        if (search.mainClass().isEmpty()) {
            throw failures().failure("There is no main class to build: none of these names one: "
                    + search.placesLookedAt() + ". Set <mainClass> (or -Dscratchpack.mainClass) to the class whose"
                    + " main method the executable runs.", null);
        }
        getLog().info("Main class " + search.mainClass().get() + ", from " + search.source().get());
        return search.mainClass().get();
    }

    /** Fails before the long build when a Spring Boot application lacks Spring's ahead-of-time output. */
    private void requireSpringBootAot(Path classes, String applicationMainClass) throws MojoExecutionException,
            MojoFailureException {
        try {
            SpringBootAot.require(classes, applicationMainClass);
        } catch (NativeImageException e) {
            throw failures().failure(e.getMessage() + " Add the process-aot execution to"
                    + " spring-boot-maven-plugin in the POM: <executions><execution><id>process-aot</id><goals>"
                    + "<goal>process-aot</goal></goals></execution></executions>.", e);
        } catch (IOException e) {
            throw failures().error("Reading " + classes + " failed: " + e.getMessage(), e);
        }
    }

    /** A user property (-D) or project property; empty when neither is set. */
    private Optional<String> property(String name) {
        String value = session.getUserProperties().getProperty(name);
        return Optional.ofNullable(value != null ? value : project.getProperties().getProperty(name));
    }

    /** A setting of another plugin in this project's build, from its configuration or one of its executions'. */
    private Optional<String> pluginSetting(String pluginKey, String name) {
        Plugin plugin = project.getBuild().getPluginsAsMap().get(pluginKey);
        if (plugin == null) {
            return Optional.empty();
        }
        List<Object> configurations = new ArrayList<>();
        configurations.add(plugin.getConfiguration());
        plugin.getExecutions().forEach(execution -> configurations.add(execution.getConfiguration()));
        for (Object configuration : configurations) {
            Xpp3Dom setting = configuration instanceof Xpp3Dom dom ? dom.getChild(name) : null;
            if (setting != null && setting.getValue() != null && !setting.getValue().contains("${")) {
                return Optional.of(setting.getValue());
            }
        }
        return Optional.empty();
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
