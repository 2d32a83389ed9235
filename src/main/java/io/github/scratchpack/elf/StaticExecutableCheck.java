package io.github.scratchpack.elf;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.AccessDeniedException;
import java.nio.file.Files;
import java.nio.file.Path;

/** Decides whether a file can run as the only program in a FROM-scratch image, and says why not. */
public final class StaticExecutableCheck {
    private StaticExecutableCheck() {
    }

    /**
     * Checks that a file is a statically linked ELF executable for an architecture that images are built for.
     *
     * @param binary the file to check
     * @return the ELF facts of the executable
     * @throws ElfFormatException with a message for the user when the file cannot run FROM scratch
     * @throws IOException when the file cannot be read
     */
    public static ElfInfo check(Path binary) throws ElfFormatException, IOException {
        if (!Files.exists(binary)) {
            throw new ElfFormatException("The binary " + binary + " does not exist. Build it first (the native-image goal"
                    + " writes target/<imageName>, which is the default), or set binary (property scratchpack.binary, when"
                    + " the POM does not set it) to your static executable.");
        }
        if (Files.isDirectory(binary)) {
            throw new ElfFormatException("The binary " + binary + " is a directory. Set binary (scratchpack.binary) to the"
                    + " static executable file itself.");
        }
        // Checked before the size: a device or a FIFO reports 0 bytes, and reading a FIFO would wait forever.
        if (!Files.isRegularFile(binary)) {
            throw new ElfFormatException("The binary " + binary + " is not a regular file (it is a device, a FIFO or a"
                    + " socket). Point scratchpack.binary at the static executable file itself.");
        }
        long size = Files.size(binary);
        if (size == 0) {
            throw new ElfFormatException("The binary " + binary + " is empty (0 bytes). The build that produced it"
                    + " probably failed; build it again.");
        }
        ElfReader.Headers headers;
        try {
            rejectKnownNonElf(binary);
            headers = ElfReader.readHeaders(binary);
        } catch (AccessDeniedException e) {
            throw new ElfFormatException(unreadable(binary));
        }
        ElfInfo info = headers.info();
        if (info.type() != ElfInfo.ET_EXEC && info.type() != ElfInfo.ET_DYN) {
            throw new ElfFormatException("The binary " + binary + " is an ELF file but not an executable (ELF type "
                    + info.type() + ", such as an object file or core dump). Point scratchpack.binary at the linked executable.");
        }
        // ET_DYN is both a position-independent executable and a shared library. Linkers mark a PIE with DF_1_PIE;
        // older ones do not, but a PIE always has an entry point, and a library built without one has none.
        if (info.type() == ElfInfo.ET_DYN && !headers.pieFlag() && headers.entry() == 0) {
            throw new ElfFormatException("The binary " + binary + " is a shared library, not an executable: it has no"
                    + " entry point and is not marked as a position-independent executable. Point scratchpack.binary at"
                    + " the linked program (musl-gcc -static, or native-image --static --libc=musl).");
        }
        if (info.isDynamicallyLinked()) {
            throw new ElfFormatException(dynamicMessage(binary, info));
        }
        if (info.ociArchitecture().isEmpty()) {
            throw new ElfFormatException("The binary " + binary + " is built for " + ElfMachine.describe(info.machine())
                    + (info.sixtyFourBit() ? " (64-bit)" : " (32-bit)") + ", which scratchpack cannot map to an image"
                    + " architecture. Build it for amd64 (x86-64) or arm64 (AArch64).");
        }
        return info;
    }

    /**
     * The message for a binary that the user running Maven may not read.
     *
     * @param binary the file
     * @return what is wrong and what to do
     */
    static String unreadable(Path binary) {
        return "Cannot read the binary " + binary + " (permission denied); make it readable by the user running"
                + " Maven, or point scratchpack.binary at a readable copy.";
    }

    private static String dynamicMessage(Path binary, ElfInfo info) {
        StringBuilder message = new StringBuilder("The binary ").append(binary).append(" is dynamically linked");
        info.interpreter().ifPresent(interpreter -> message.append(": it needs the interpreter ").append(interpreter));
        if (!info.neededLibraries().isEmpty()) {
            message.append(info.interpreter().isPresent() ? " and " : ": it needs ")
                    .append("the libraries ").append(String.join(", ", info.neededLibraries()));
        }
        return message.append(". A FROM-scratch image has neither, so it would fail with"
                + " \"exec ...: no such file or directory\". Build it statically: native-image --static --libc=musl"
                + " (the scratchpack:native-image goal does this), CGO_ENABLED=0 for Go, a *-unknown-linux-musl target"
                + " for Rust, or musl-gcc -static for C.").toString();
    }

    private static void rejectKnownNonElf(Path binary) throws IOException, ElfFormatException {
        byte[] head = new byte[4];
        int read;
        try (InputStream in = Files.newInputStream(binary)) {
            read = in.readNBytes(head, 0, head.length);
        }
        if (read >= 2 && head[0] == '#' && head[1] == '!') {
            throw new ElfFormatException("The binary " + binary + " is a script (it starts with #!). A FROM-scratch image"
                    + " has no shell or interpreter to run it; package a static executable instead.");
        }
        if (read == 4 && head[0] == 'P' && head[1] == 'K' && head[2] == 3 && head[3] == 4) {
            throw new ElfFormatException("The binary " + binary + " is a jar or zip file, not a native executable."
                    + " Compile it with the scratchpack:native-image goal and package its output.");
        }
    }
}
