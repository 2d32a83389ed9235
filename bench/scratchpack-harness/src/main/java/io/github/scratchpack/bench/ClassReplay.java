package io.github.scratchpack.bench;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

/**
 * Loads, in this JVM, the classes named in a file, one per line, in that order, and does nothing else: how long a
 * goal spends only on loading the classes it uses, with no I/O of its own.
 *
 * <pre>
 * ClassReplay CLASS_LIST
 * </pre>
 *
 * fixed-costs.sh records the list from one push ({@code -Xlog:class+load}, every class from the push goal's first
 * on, less those the JVM generates, such as lambdas and reflection accessors, which have no name to load by) and runs
 * this with the plugin jar and Maven's {@code lib/} and {@code boot/} on the class path. Each class is loaded, linked and initialised (its static initialiser runs,
 * as it did in the push, which also initialised most of what it loaded); no method of them is called. An empty file
 * measures the JVM's start alone. Prints "loaded=N missing=M"; a name that cannot be loaded or initialised counts as
 * missing and does not stop the run. Exits once done, whatever threads an initialiser started.
 */
public final class ClassReplay {
    private ClassReplay() {
    }

    public static void main(String[] args) throws Exception {
        if (args.length != 1) {
            System.err.println("Usage: ClassReplay CLASS_LIST");
            System.exit(2);
        }
        List<String> names = Files.readAllLines(Path.of(args[0]));
        ClassLoader loader = ClassReplay.class.getClassLoader();
        int loaded = 0;
        int missing = 0;
        for (String name : names) {
            if (name.isBlank()) {
                continue;
            }
            try {
                Class.forName(name.strip(), true, loader);
                loaded++;
            } catch (ClassNotFoundException | LinkageError e) {
                missing++;
            }
        }
        System.out.println("loaded=" + loaded + " missing=" + missing);
        System.exit(0);
    }
}
