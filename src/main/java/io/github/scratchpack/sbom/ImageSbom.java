package io.github.scratchpack.sbom;

import com.fasterxml.jackson.core.util.DefaultIndenter;
import com.fasterxml.jackson.core.util.DefaultPrettyPrinter;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.github.scratchpack.image.CaCertificates;
import io.github.scratchpack.image.Image;
import io.github.scratchpack.image.ImageReference;
import io.github.scratchpack.image.ImageSpec;
import io.github.scratchpack.image.JavaTrustStore;
import io.github.scratchpack.image.LayerFile;
import io.github.scratchpack.image.Sha256;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.Date;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.UUID;
import org.cyclonedx.Version;
import org.cyclonedx.generators.json.BomJsonGenerator;
import org.cyclonedx.model.Bom;
import org.cyclonedx.model.BomReference;
import org.cyclonedx.model.Component;
import org.cyclonedx.model.Composition;
import org.cyclonedx.model.Dependency;
import org.cyclonedx.model.Hash;
import org.cyclonedx.model.LicenseChoice;
import org.cyclonedx.model.Metadata;
import org.cyclonedx.model.Property;
import org.cyclonedx.model.metadata.ToolInformation;

/**
 * The CycloneDX SBOM of an image: the image as the subject, by digest; the executable with its hash and, when
 * this build made it, the libraries that went into it and the builder; the CA bundle and the user's files. The same
 * inputs give the same bytes: components are sorted, the timestamp is the image's creation time and the serial
 * number is derived from the content.
 */
public final class ImageSbom {
    /** The media type of the document, as registries and the OCI referrers API know it. */
    public static final String MEDIA_TYPE = "application/vnd.cyclonedx+json";
    /** The CycloneDX specification version written. */
    public static final Version SPEC_VERSION = Version.VERSION_16;
    private static final String PROPERTY_PREFIX = "scratchpack:";

    private final ImageSpec spec;
    private final Image image;
    private final SbomContext context;
    private final Map<String, Component> components = new TreeMap<>();
    private final Map<String, List<String>> dependencies = new TreeMap<>();

    private ImageSbom(ImageSpec spec, Image image, SbomContext context) {
        this.spec = spec;
        this.image = image;
        this.context = context;
    }

    /**
     * Writes the SBOM of an image as CycloneDX JSON.
     *
     * @param spec what the image was built from
     * @param image the built image
     * @param context where its parts came from
     * @return the UTF-8 JSON document
     * @throws IOException when the executable or a user file cannot be read to hash it
     */
    public static byte[] cycloneDx(ImageSpec spec, Image image, SbomContext context) throws IOException {
        return new ImageSbom(spec, image, context).write();
    }

    /**
     * A digest of what the SBOM of an image is made from besides the image itself (whose digest covers every file in
     * it, its paths, tags and creation time): the context, the specification version and where the user's files
     * come from. The same image and the same inputs give the same SBOM.
     *
     * @param spec what the image is built from
     * @param context where its parts came from
     * @return a {@code sha256:<hex>} digest
     */
    public static String inputs(ImageSpec spec, SbomContext context) {
        StringBuilder text = new StringBuilder(SPEC_VERSION.getVersionString()).append('\n').append(context);
        for (LayerFile file : spec.userFiles()) {
            text.append('\n').append(file.path()).append(' ').append(file.source());
        }
        return Sha256.of(text.toString().getBytes(StandardCharsets.UTF_8));
    }

    private byte[] write() throws IOException {
        Component subject = imageComponent();
        List<String> contents = new ArrayList<>();
        contents.add(executable());
        if (spec.certificates() != null) {
            contents.add(file(CaCertificates.PATH, Sha256.of(spec.certificates()), "CA certificates, from "
                    + context.certificateSource(), null));
        }
        if (spec.javaTrustStore() != null) {
            contents.add(file(JavaTrustStore.PATH, Sha256.of(spec.javaTrustStore()), "The CA certificates of "
                    + CaCertificates.PATH + " as a PKCS#12 Java trust store", null));
        }
        for (LayerFile file : spec.userFiles()) {
            contents.add(userFile(file));
        }
        dependencies.put(subject.getBomRef(), contents);

        Bom bom = new Bom();
        Metadata metadata = new Metadata();
        metadata.setTimestamp(Date.from(spec.creationTime()));
        metadata.setComponent(subject);
        metadata.setToolChoice(tools());
        bom.setMetadata(metadata);
        bom.setComponents(new ArrayList<>(components.values()));
        List<Dependency> graph = new ArrayList<>();
        dependencies.forEach((ref, dependsOn) -> {
            Dependency dependency = new Dependency(ref);
            dependsOn.stream().sorted().distinct().forEach(target -> dependency.addDependency(new Dependency(target)));
            graph.add(dependency);
        });
        bom.setDependencies(graph);
        bom.setCompositions(List.of(composition()));

        // the serial number is derived from the document written with a zero one, which it then replaces in place
        bom.setSerialNumber("urn:uuid:" + new UUID(0, 0));
        ObjectNode tree = (ObjectNode) new BomJsonGenerator(bom, SPEC_VERSION).toJsonNode();
        tree.put("serialNumber", "urn:uuid:" + UUID.nameUUIDFromBytes(json(tree)));
        return json(tree);
    }

    private static byte[] json(JsonNode tree) throws IOException {
        DefaultPrettyPrinter printer = new DefaultPrettyPrinter().withObjectIndenter(new DefaultIndenter("  ", "\n"));
        printer.indentArraysWith(new DefaultIndenter("  ", "\n"));
        String text = new ObjectMapper().writer(printer).writeValueAsString(tree) + "\n";
        return text.getBytes(StandardCharsets.UTF_8);
    }

    private Component imageComponent() {
        ImageReference reference = image.references().get(0);
        Component component = new Component();
        component.setType(Component.Type.CONTAINER);
        component.setName(reference.name());
        component.setVersion(image.digest());
        component.setPurl(PackageUrls.oci(reference, image.digest()));
        component.setBomRef(component.getPurl());
        component.addHash(new Hash(Hash.Algorithm.SHA_256, Sha256.hex(image.digest())));
        component.addProperty(new Property(PROPERTY_PREFIX + "image:architecture", image.architecture()));
        for (ImageReference tagged : image.references()) {
            component.addProperty(new Property(PROPERTY_PREFIX + "image:reference", tagged.toString()));
        }
        return component;
    }

    /** The executable and, when this build made it, what went into it; returns its reference. */
    private String executable() throws IOException {
        ExecutableContents built = context.executable();
        Component component = new Component();
        component.setType(Component.Type.APPLICATION);
        component.setName(spec.binary().getFileName().toString());
        component.setBomRef("file:" + spec.binaryPath());
        // the record's digest was checked against the file when it was read; an executable from elsewhere is read here
        component.addHash(sha256(built != null ? built.executableDigest() : Sha256.ofFile(spec.binary())));
        component.addProperty(new Property(PROPERTY_PREFIX + "image:path", spec.binaryPath()));
        if (built == null) {
            component.setDescription("A static executable that this build did not make: what it was built from is"
                    + " unknown");
            dependencies.put(component.getBomRef(), List.of());
        } else {
            Library application = built.application();
            component.setVersion(application.version());
            component.setDescription("A static executable that " + built.builder() + " built in this build from "
                    + application.groupId() + ":" + application.artifactId() + ":" + application.version()
                    + " and its runtime dependencies");
            library(application);
            built.libraries().forEach(this::library);
            dependencies.put(component.getBomRef(), List.of(application.purl()));
        }
        components.put(component.getBomRef(), component);
        return component.getBomRef();
    }

    private void library(Library library) {
        Component component = new Component();
        component.setType(Component.Type.LIBRARY);
        component.setGroup(library.groupId());
        component.setName(library.artifactId());
        component.setVersion(library.version());
        component.setPurl(library.purl());
        component.setBomRef(library.purl());
        component.setScope(Component.Scope.REQUIRED);
        if (library.digest() != null) {
            component.addHash(sha256(library.digest()));
        }
        if (!library.licenses().isEmpty()) {
            LicenseChoice choice = new LicenseChoice();
            for (DeclaredLicense declared : library.licenses()) {
                choice.addLicense(SpdxLicenses.of(declared));
            }
            component.setLicenses(choice);
        }
        components.put(component.getBomRef(), component);
        dependencies.put(component.getBomRef(), library.dependencies());
    }

    private String userFile(LayerFile file) throws IOException {
        String digest = file.bytes() != null ? Sha256.of(file.bytes()) : Sha256.ofFile(file.source());
        return file(file.path(), digest, "A file of the project", file.source() == null ? null : describe(file.source()));
    }

    private String file(String path, String digest, String description, String source) {
        Component component = new Component();
        component.setType(Component.Type.FILE);
        component.setName(path);
        component.setBomRef("file:" + path);
        component.setDescription(description);
        component.addHash(sha256(digest));
        if (source != null) {
            component.addProperty(new Property(PROPERTY_PREFIX + "source", source));
        }
        components.put(component.getBomRef(), component);
        dependencies.put(component.getBomRef(), List.of());
        return component.getBomRef();
    }

    /** A source path relative to the project when it is inside it, so that the SBOM does not name the checkout. */
    private String describe(Path source) {
        Path absolute = source.toAbsolutePath().normalize();
        Path base = context.baseDirectory().toAbsolutePath().normalize();
        return absolute.startsWith(base) ? base.relativize(absolute).toString() : absolute.toString();
    }

    private ToolInformation tools() {
        List<Component> tools = new ArrayList<>();
        Component plugin = new Component();
        plugin.setType(Component.Type.APPLICATION);
        plugin.setGroup("io.github.scratchpack");
        plugin.setName("scratchpack-maven-plugin");
        plugin.setVersion(context.pluginVersion());
        plugin.setPurl(PackageUrls.maven("io.github.scratchpack", "scratchpack-maven-plugin", context.pluginVersion(),
                "maven-plugin", null));
        plugin.setBomRef(plugin.getPurl());
        tools.add(plugin);
        if (context.executable() != null) {
            String line = context.executable().builder().strip();
            String[] words = line.split("\\s+", 3);
            Component builder = new Component();
            builder.setType(Component.Type.APPLICATION);
            builder.setName(words[0]);
            builder.setVersion(words.length > 1 ? words[1] : null);
            builder.setDescription(line);
            builder.setBomRef("builder:" + line);
            tools.add(builder);
        }
        tools.sort(Comparator.comparing(Component::getBomRef));
        ToolInformation information = new ToolInformation();
        information.setComponents(tools);
        return information;
    }

    /**
     * What the SBOM knows of the executable: nothing when this build did not make it; otherwise everything Maven put
     * on native-image's class path, but not the JDK classes and native libraries that native-image itself adds.
     */
    private Composition composition() {
        Composition composition = new Composition();
        composition.setAggregate(context.executable() == null ? Composition.Aggregate.UNKNOWN
                : Composition.Aggregate.INCOMPLETE);
        composition.addAssembly(new BomReference("file:" + spec.binaryPath()));
        return composition;
    }

    private static Hash sha256(String digest) {
        return new Hash(Hash.Algorithm.SHA_256, Sha256.hex(digest));
    }
}
