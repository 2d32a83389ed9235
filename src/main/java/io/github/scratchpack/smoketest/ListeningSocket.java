package io.github.scratchpack.smoketest;

import java.io.IOException;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;

/**
 * A TCP socket in the LISTEN state, as the kernel lists it in {@code /proc/<pid>/net/tcp} and {@code tcp6} of a
 * process in the container's network namespace. Reading these from the host needs no shell in the image.
 *
 * @param address the local address, such as {@code 0.0.0.0}, {@code 127.0.0.1} or {@code ::}
 * @param port the local port
 */
record ListeningSocket(String address, int port) {
    private static final String LISTEN = "0A";

    /** Whether only a process in the same network namespace can connect to it. */
    boolean loopback() {
        return address.startsWith("127.") || address.equals("::1") || address.startsWith("::ffff:127.");
    }

    @Override
    public String toString() {
        return (address.contains(":") ? "[" + address + "]" : address) + ":" + port;
    }

    /**
     * The listening sockets of a process's network namespace.
     *
     * @param process   {@code /proc/<pid>}
     * @param ownedOnly only the sockets the process itself holds open, found by the inode numbers of its file
     *                  descriptors ({@code socket:[inode]}): for a container in the host's network, whose namespace
     *                  holds every host process's sockets
     * @throws IOException when the files cannot be read, for example because the process has ended
     */
    static List<ListeningSocket> of(Path process, boolean ownedOnly) throws IOException {
        Set<String> owned = ownedOnly ? socketInodes(process) : Set.of();
        List<ListeningSocket> sockets = new ArrayList<>();
        for (String file : List.of("net/tcp", "net/tcp6")) {
            List<String> lines;
            try {
                lines = Files.readAllLines(process.resolve(file));
            } catch (NoSuchFileException e) {
                if (file.equals("net/tcp6")) {
                    continue; // a kernel without IPv6
                }
                throw e;
            }
            for (String line : lines.subList(Math.min(1, lines.size()), lines.size())) {
                String[] fields = line.trim().split("\\s+");
                if (fields.length > 9 && fields[3].equals(LISTEN) && (!ownedOnly || owned.contains(fields[9]))) {
                    int colon = fields[1].indexOf(':');
                    ListeningSocket socket = new ListeningSocket(address(fields[1].substring(0, colon)),
                            Integer.parseInt(fields[1].substring(colon + 1), 16));
                    if (!sockets.contains(socket)) {
                        sockets.add(socket);
                    }
                }
            }
        }
        return sockets;
    }

    private static Set<String> socketInodes(Path process) throws IOException {
        Set<String> inodes = new HashSet<>();
        try (DirectoryStream<Path> descriptors = Files.newDirectoryStream(process.resolve("fd"))) {
            for (Path descriptor : descriptors) {
                String target;
                try {
                    target = Files.readSymbolicLink(descriptor).toString();
                } catch (NoSuchFileException e) {
                    continue; // closed while being listed
                }
                if (target.startsWith("socket:[") && target.endsWith("]")) {
                    inodes.add(target.substring("socket:[".length(), target.length() - 1));
                }
            }
        }
        return inodes;
    }

    /** The kernel prints an address as 32-bit words in host (little-endian) byte order. */
    private static String address(String hex) {
        byte[] bytes = new byte[hex.length() / 2];
        for (int word = 0; word < bytes.length / 4; word++) {
            for (int i = 0; i < 4; i++) {
                bytes[word * 4 + i] = (byte) Integer.parseInt(hex.substring(word * 8 + (3 - i) * 2, word * 8 + (3 - i) * 2 + 2), 16);
            }
        }
        if (bytes.length == 4) {
            return (bytes[0] & 0xff) + "." + (bytes[1] & 0xff) + "." + (bytes[2] & 0xff) + "." + (bytes[3] & 0xff);
        }
        boolean v4Mapped = true;
        for (int i = 0; i < 10; i++) {
            v4Mapped &= bytes[i] == 0;
        }
        v4Mapped &= (bytes[10] & 0xff) == 0xff && (bytes[11] & 0xff) == 0xff;
        if (v4Mapped) {
            return "::ffff:" + (bytes[12] & 0xff) + "." + (bytes[13] & 0xff) + "." + (bytes[14] & 0xff) + "."
                    + (bytes[15] & 0xff);
        }
        return compress(bytes);
    }

    private static String compress(byte[] bytes) {
        int[] groups = new int[8];
        for (int i = 0; i < 8; i++) {
            groups[i] = ((bytes[2 * i] & 0xff) << 8) | (bytes[2 * i + 1] & 0xff);
        }
        int bestStart = -1;
        int bestLength = 1;
        for (int i = 0; i < 8; ) {
            int j = i;
            while (j < 8 && groups[j] == 0) {
                j++;
            }
            if (j - i > bestLength) {
                bestStart = i;
                bestLength = j - i;
            }
            i = j == i ? i + 1 : j;
        }
        StringBuilder text = new StringBuilder();
        for (int i = 0; i < 8; i++) {
            if (i == bestStart) {
                text.append("::");
                i += bestLength - 1;
                continue;
            }
            if (text.length() > 0 && text.charAt(text.length() - 1) != ':') {
                text.append(':');
            }
            text.append(Integer.toHexString(groups[i]).toLowerCase(Locale.ROOT));
        }
        return text.toString();
    }
}
