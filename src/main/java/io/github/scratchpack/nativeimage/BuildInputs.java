package io.github.scratchpack.nativeimage;

import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * Everything a native-image build depends on, as lines of text: the GraalVM (an identity key and the version it
 * printed), the compiler's identity, the full argument list, the SHA-256 of every classpath entry's content, of the
 * reachability metadata and of every file the arguments name, and what of the machine the build reads (the
 * {@code NATIVE_IMAGE_OPTIONS} variable, the CPU under {@code -march=native}). Two builds with equal lines make the
 * same executable.
 *
 * @param graalvmKey     what identifies the GraalVM without running it: the launcher's and {@code release} file's
 *                       digests, or the builder image's ID
 * @param graalvmVersion the first line of {@code native-image --version}
 * @param compiler       the musl compiler's identity, or what builds in the builder image
 * @param arguments      every argument native-image gets, in order, with the main class
 * @param classpath      one {@code <digest> <path>} per classpath entry, in order
 * @param metadata       one {@code <digest> <path>} per reachability metadata directory, in order
 * @param files          one {@code <digest> <path>} per file or directory the arguments name ({@link NamedInputFiles})
 * @param host           what the build reads from the machine, one {@code <name> <value>} line each
 */
public record BuildInputs(String graalvmKey, String graalvmVersion, String compiler, List<String> arguments,
        List<String> classpath, List<String> metadata, List<String> files, List<String> host) {
    /** Keeps its own copies of the lists. */
    public BuildInputs {
        arguments = List.copyOf(arguments);
        classpath = List.copyOf(classpath);
        metadata = List.copyOf(metadata);
        files = List.copyOf(files);
        host = List.copyOf(host);
    }

    /**
     * The {@code <digest> <path>} lines of classpath entries or metadata directories, hashing every entry's content
     * (a jar's by its entries, a directory's by its files).
     */
    public static List<String> digest(List<Path> entries) throws IOException {
        List<String> lines = new ArrayList<>();
        for (Path entry : entries) {
            lines.add(ContentDigest.ofClasspathEntry(entry) + " " + entry);
        }
        return lines;
    }

    /** The lines of the fingerprint file that describe these inputs. */
    public List<String> lines() {
        List<String> lines = new ArrayList<>();
        lines.add("graalvm " + escape(graalvmKey));
        lines.add("version " + escape(graalvmVersion));
        lines.add("compiler " + escape(compiler));
        arguments.forEach(argument -> lines.add("argument " + escape(argument)));
        classpath.forEach(entry -> lines.add("classpath " + escape(entry)));
        metadata.forEach(entry -> lines.add("metadata " + escape(entry)));
        files.forEach(entry -> lines.add("file " + escape(entry)));
        host.forEach(entry -> lines.add("host " + escape(entry)));
        return lines;
    }

    private static String escape(String value) {
        return value.replace("\\", "\\\\").replace("\n", "\\n").replace("\r", "\\r");
    }
}
