package io.github.scratchpack.image;

import io.github.scratchpack.elf.ElfInfo;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.SortedMap;
import java.util.TreeMap;
import java.util.TreeSet;

/**
 * What the user asked for, checked: the executable, the references, and the container settings. Everything that
 * can be wrong with a setting is found while building this, before any file is written.
 */
public final class ImageSpec {
    /** The directory the executable goes into. */
    public static final String APP_DIRECTORY = "/app";

    private final Path binary;
    private final String architecture;
    private final List<ImageReference> references;
    private final List<String> entrypoint;
    private final List<String> args;
    private final SortedMap<String, String> environment;
    private final Set<String> ports;
    private final SortedMap<String, String> labels;
    private final SortedMap<String, String> annotations;
    private final String user;
    private final String workingDirectory;
    private final List<LayerFile> userFiles;
    private final byte[] certificates;
    private final byte[] javaTrustStore;
    private final Instant creationTime;
    private final Compression compression;
    private final int level;
    private final int threads;

    private ImageSpec(Builder builder) {
        this.binary = builder.binary;
        this.architecture = builder.architecture;
        this.references = List.copyOf(builder.references);
        this.entrypoint = !builder.entrypoint.isEmpty() ? List.copyOf(builder.entrypoint)
                : builder.javaTrustStore != null ? defaultJavaEntrypoint(binaryPath()) : List.of(binaryPath());
        this.args = List.copyOf(builder.args);
        this.environment = new TreeMap<>(builder.environment);
        this.ports = new TreeSet<>(builder.ports);
        this.labels = new TreeMap<>(builder.labels);
        this.annotations = new TreeMap<>(builder.annotations);
        this.user = builder.user;
        this.workingDirectory = builder.workingDirectory;
        this.userFiles = List.copyOf(builder.userFiles);
        this.certificates = builder.certificates;
        this.javaTrustStore = builder.javaTrustStore;
        this.creationTime = Instant.ofEpochSecond(builder.creationTime.getEpochSecond());
        this.compression = builder.compression;
        this.level = builder.level;
        this.threads = builder.threads;
    }

    /** Starts a spec for a checked static executable. */
    public static Builder builder(Path binary, ElfInfo elf, ImageReference reference) {
        return new Builder(binary, elf, reference);
    }

    private static List<String> defaultJavaEntrypoint(String binaryPath) {
        List<String> command = new ArrayList<>();
        command.add(binaryPath);
        command.addAll(JavaTrustStore.RUNTIME_OPTIONS);
        return List.copyOf(command);
    }

    /** The executable on the build machine. */
    public Path binary() {
        return binary;
    }

    /** Where the executable goes in the image, {@code /app/<name>}. */
    public String binaryPath() {
        return pathInImage(binary);
    }

    private static String pathInImage(Path binary) {
        return APP_DIRECTORY + "/" + binary.getFileName();
    }

    /** The OCI architecture, taken from the executable's ELF header. */
    public String architecture() {
        return architecture;
    }

    /** The image reference first, then every further tag, without repeats. */
    public List<ImageReference> references() {
        return references;
    }

    public List<String> entrypoint() {
        return entrypoint;
    }

    public List<String> args() {
        return args;
    }

    /** The environment, with {@code SSL_CERT_FILE} added when certificates are included, sorted by name. */
    public SortedMap<String, String> environment() {
        SortedMap<String, String> all = new TreeMap<>();
        all.put("PATH", APP_DIRECTORY);
        if (certificates != null) {
            all.put("SSL_CERT_FILE", CaCertificates.PATH);
        }
        all.putAll(environment);
        return all;
    }

    public Set<String> ports() {
        return ports;
    }

    public SortedMap<String, String> labels() {
        return labels;
    }

    /** The OCI annotations of the manifest, without {@code created}, which comes from the creation time. */
    public SortedMap<String, String> annotations() {
        return annotations;
    }

    /** The numeric {@code uid:gid} the container runs as. */
    public String user() {
        return user;
    }

    public String workingDirectory() {
        return workingDirectory;
    }

    public List<LayerFile> userFiles() {
        return userFiles;
    }

    /** The PEM bundle, or {@code null} when the image has no CA certificates. */
    public byte[] certificates() {
        return certificates == null ? null : certificates.clone();
    }

    /** The same certificates as a Java trust store (see {@link JavaTrustStore}), or {@code null} when there is none. */
    public byte[] javaTrustStore() {
        return javaTrustStore == null ? null : javaTrustStore.clone();
    }

    public Instant creationTime() {
        return creationTime;
    }

    public Compression compression() {
        return compression;
    }

    public int level() {
        return level;
    }

    public int threads() {
        return threads;
    }

    /** Collects and checks the settings of an image; each method throws a message for the user on bad input. */
    public static final class Builder {
        private final Path binary;
        private final String architecture;
        private final Set<ImageReference> references = new LinkedHashSet<>();
        private final List<String> entrypoint = new ArrayList<>();
        private final List<String> args = new ArrayList<>();
        private final Map<String, String> environment = new TreeMap<>();
        private final Set<String> ports = new TreeSet<>();
        private final Map<String, String> labels = new TreeMap<>();
        private final Map<String, String> annotations = new TreeMap<>();
        private final List<LayerFile> userFiles = new ArrayList<>();
        private String user = UserAccounts.DEFAULT_USER;
        private String workingDirectory = APP_DIRECTORY;
        private byte[] certificates;
        private byte[] javaTrustStore;
        private Instant creationTime = Instant.EPOCH;
        private Compression compression = Compression.GZIP;
        private int level = Compression.GZIP.defaultLevel();
        private int threads = Runtime.getRuntime().availableProcessors();

        private Builder(Path binary, ElfInfo elf, ImageReference reference) {
            this.binary = binary;
            this.architecture = elf.ociArchitecture().orElseThrow(
                    () -> new IllegalArgumentException("The binary " + binary + " has no image architecture"));
            this.references.add(reference);
        }

        /** Adds a further tag of the same repository. */
        public Builder tag(String tag) {
            ImageReference first = references.iterator().next();
            references.add(first.withTag(tag.trim()));
            return this;
        }

        /** Sets the command; every element must be non-blank. Empty means the executable itself. */
        public Builder entrypoint(List<String> command) {
            entrypoint.clear();
            for (int i = 0; i < command.size(); i++) {
                String word = command.get(i);
                if (word == null || word.isBlank()) {
                    throw new IllegalArgumentException("Element " + (i + 1) + " of <entrypoint> is empty. Write each word"
                            + " of the command in its own non-empty element, such as <entrypoint><e>" + binaryPath()
                            + "</e><e>--verbose</e></entrypoint>, or leave <entrypoint> out to run the executable.");
                }
                entrypoint.add(word);
            }
            return this;
        }

        /**
         * Sets the arguments. A {@code null} element, which is what Maven makes of an empty {@code <arg></arg>},
         * becomes an empty argument: the program gets {@code ""}, as from a shell.
         */
        public Builder args(List<String> arguments) {
            args.clear();
            for (String argument : arguments) {
                args.add(argument == null ? "" : argument);
            }
            return this;
        }

        /** Adds an environment variable; the name must be non-empty and free of {@code =}. */
        public Builder environment(String name, String value) {
            if (name == null || name.isBlank() || name.contains("=")) {
                throw new IllegalArgumentException("The environment variable name '" + name + "' is not valid: names"
                        + " are non-empty and contain no '='. Write <environment><NAME>value</NAME></environment>.");
            }
            environment.put(name, value == null ? "" : value);
            return this;
        }

        /** Exposes a port such as {@code 8080} or {@code 53/udp}. */
        public Builder port(String port) {
            if (port == null || port.isBlank()) {
                throw new IllegalArgumentException("There is an empty <port> in <ports>. Write each port as"
                        + " <port>8080</port> or <port>53/udp</port>, or remove the empty element.");
            }
            ports.add(ExposedPort.parse(port));
            return this;
        }

        /** Adds a label; the key must be non-empty. */
        public Builder label(String key, String value) {
            if (key == null || key.isBlank()) {
                throw new IllegalArgumentException("A label has an empty key. Write <labels><key>value</key></labels>.");
            }
            labels.put(key, value == null ? "" : value);
            return this;
        }

        /** Adds an OCI annotation to the manifest; empty values are left out. */
        public Builder annotation(String key, String value) {
            if (value != null && !value.isBlank()) {
                annotations.put(key, value.trim());
            }
            return this;
        }

        /** Sets the user: a name from the generated passwd, a uid, or uid:gid. */
        public Builder user(String name) {
            user = UserAccounts.resolve(name);
            return this;
        }

        /** Sets the working directory, an absolute path. */
        public Builder workingDirectory(String directory) {
            if (directory == null || !directory.startsWith("/")) {
                throw new IllegalArgumentException("The working directory '" + directory + "' is not an absolute path."
                        + " Write it as it is in the image, such as /app.");
            }
            if (Arrays.asList(directory.split("/")).stream().anyMatch(part -> part.equals(".") || part.equals(".."))) {
                throw new IllegalArgumentException("The working directory '" + directory + "' has a '.' or '..' part."
                        + " Write a plain absolute path such as /app.");
            }
            workingDirectory = directory;
            return this;
        }

        /** Adds a file from the build machine; see {@link UserFile#of}. */
        public Builder file(Path source, String target, String mode) {
            userFiles.add(UserFile.of(source, target, mode, otherLayerEntries(), userFiles));
            return this;
        }

        /**
         * What the base, CA certificate and executable layers write, with their parent directories: the paths that
         * user files must leave alone. The CA bundle's path counts even without certificates, so that turning them
         * on never breaks a build.
         */
        private List<LayerFile> otherLayerEntries() {
            List<LayerFile> entries = new ArrayList<>(BaseFiles.layer().files());
            entries.addAll(LayerContents.of(CaCertificates.PATH, List.of(LayerFile.file(CaCertificates.PATH, 0644, new byte[0]),
                    LayerFile.file(JavaTrustStore.PATH, 0644, new byte[0]))).files());
            entries.addAll(LayerContents.of(binaryPath(), List.of(LayerFile.copyOf(binary, binaryPath(), 0755))).files());
            return entries;
        }

        private String binaryPath() {
            return pathInImage(binary);
        }

        /** Sets the CA bundle, or {@code null} for none. */
        public Builder certificates(byte[] pem) {
            certificates = pem == null ? null : pem.clone();
            return this;
        }

        /**
         * Sets the Java trust store of the same certificates, or {@code null} for none. With one, and no entrypoint
         * of the user's, the entrypoint passes {@link JavaTrustStore#RUNTIME_OPTIONS} to the executable.
         */
        public Builder javaTrustStore(byte[] store) {
            javaTrustStore = store == null ? null : store.clone();
            return this;
        }

        public Builder creationTime(Instant time) {
            creationTime = time;
            return this;
        }

        /** Sets the compression and its level; a level of 0 or less means the default. */
        public Builder compression(Compression kind, int compressionLevel) {
            level = kind.level(compressionLevel);
            compression = kind;
            return this;
        }

        /** How many threads may compress at once; never changes the bytes. */
        public Builder threads(int count) {
            threads = Math.max(1, count);
            return this;
        }

        public ImageSpec build() {
            return new ImageSpec(this);
        }
    }
}
