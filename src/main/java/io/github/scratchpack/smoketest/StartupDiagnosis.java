package io.github.scratchpack.smoketest;

import java.util.List;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** Why a container did not become ready, each cause in one sentence that says what to do. */
final class StartupDiagnosis {
    private static final Pattern PATH = Pattern.compile("(/[^\\s:'\"(),]+)");
    private static final Pattern MISSING_CLASS_OR_RESOURCE = Pattern.compile(
            "ClassNotFoundException|NoClassDefFoundError|MissingResourceException|resource .* not found",
            Pattern.CASE_INSENSITIVE);

    private StartupDiagnosis() {
    }

    /** A write refused by the read-only root file system, when the log shows one. */
    static Optional<String> readOnly(List<String> logs) {
        for (String line : logs) {
            if (line.contains("Read-only file system")) {
                Matcher path = PATH.matcher(line);
                String where = path.find() ? path.group(1) : "a path outside /tmp";
                return Optional.of("The service failed writing to " + where + ": the root file system is read-only"
                        + " (\"" + line.strip() + "\"). Write only under /tmp, which is a fresh tmpfs here and"
                        + " should be an emptyDir or volume in production, or mount a volume at " + where + ".");
            }
        }
        return Optional.empty();
    }

    static String exited(int code, boolean oomKilled, List<String> logs) {
        Optional<String> readOnly = readOnly(logs);
        if (readOnly.isPresent()) {
            return readOnly.get() + " The container exited with code " + code + ".";
        }
        String exited = "The container exited with code " + code + " before it was ready";
        if (logs.stream().anyMatch(line -> line.contains("exec format error"))) {
            return exited + ": exec format error, the executable is built for another architecture than the engine"
                    + " runs. Build it for the engine's architecture.";
        }
        Optional<String> missing = logs.stream().filter(line -> MISSING_CLASS_OR_RESOURCE.matcher(line).find())
                .findFirst();
        if (missing.isPresent()) {
            return exited + ": a class or resource is missing from the native executable (\"" + missing.get().strip()
                    + "\"). Add reachability metadata for it, or run the native-image agent, and rebuild.";
        }
        return switch (code) {
            case 127 -> exited + ": the entrypoint, or a program it starts, was not found in the image. Check the"
                    + " entrypoint and that the executable is in the image.";
            case 126 -> exited + ": the entrypoint exists but could not be run; it is not executable, or the image's"
                    + " user may not run it.";
            case 137 -> exited + (oomKilled ? ": it was killed by the out-of-memory killer. Give it more memory or"
                    + " make it use less." : ": it was killed with SIGKILL.");
            default -> exited + ". Its log below says why.";
        };
    }

    static String loopback(ListeningSocket socket) {
        return "The service listens on " + socket + " only, inside the container, so nothing outside the container"
                + " can connect to port " + socket.port() + ". Make it bind 0.0.0.0 (all addresses) instead of "
                + socket.address() + ".";
    }

    static String listeningElsewhere(int port, List<ListeningSocket> sockets) {
        return "The service does not listen on port " + port + ", which the image exposes; it listens on "
                + join(sockets) + ". Make it listen on " + port + ", or expose the port it uses in <ports>.";
    }

    static String neverReady(long seconds, List<String> tried, List<ListeningSocket> sockets) {
        return "The container was not ready within " + seconds + " s. Tried: " + String.join("; ", tried) + ". It"
                + (sockets.isEmpty() ? " listens on no TCP port." : " listens on " + join(sockets) + ".")
                + " Raise startupTimeout if it needs longer, or see its log below.";
    }

    private static String join(List<ListeningSocket> sockets) {
        return String.join(", ", sockets.stream().map(ListeningSocket::toString).toList());
    }
}
