package io.github.scratchpack.elf;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.channels.FileChannel;
import java.nio.channels.SeekableByteChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * Reads the ELF header, the program headers and the dynamic section of a file, checking every offset
 * against the file's size so that a truncated or corrupt file gives a clear error, never a crash.
 */
public final class ElfReader {
    private static final int PT_LOAD = 1;
    private static final int PT_DYNAMIC = 2;
    private static final int PT_INTERP = 3;
    private static final long DT_NULL = 0;
    private static final long DT_NEEDED = 1;
    private static final long DT_STRTAB = 5;
    private static final long DT_FLAGS_1 = 0x6ffffffbL;
    private static final long DF_1_PIE = 0x08000000L;
    private static final int EV_CURRENT = 1;
    private static final int MAX_STRING = 4096;
    private static final long MAX_DYNAMIC_BYTES = 1 << 20;

    private final SeekableByteChannel channel;
    private final long size;
    private final String name;
    private ByteOrder order;
    private boolean wide;

    private ElfReader(SeekableByteChannel channel, String name) throws IOException {
        this.channel = channel;
        this.size = channel.size();
        this.name = name;
    }

    /**
     * Reads what the ELF headers of a file say.
     *
     * @param file the file to read
     * @return the linking and machine facts of the executable
     * @throws ElfFormatException when the file is not ELF, or its headers are truncated or inconsistent
     * @throws IOException when the file cannot be read
     */
    public static ElfInfo read(Path file) throws ElfFormatException, IOException {
        return readHeaders(file).info();
    }

    /**
     * What the headers say beyond {@link ElfInfo}, for telling a position-independent executable from a shared
     * library: both are {@code ET_DYN}.
     *
     * @param info the linking and machine facts
     * @param entry the {@code e_entry} field; 0 when the file has no entry point
     * @param pieFlag whether the dynamic section has {@code DF_1_PIE} in {@code DT_FLAGS_1}, as linkers mark a PIE
     */
    record Headers(ElfInfo info, long entry, boolean pieFlag) {
    }

    static Headers readHeaders(Path file) throws ElfFormatException, IOException {
        try (FileChannel channel = FileChannel.open(file, StandardOpenOption.READ)) {
            return new ElfReader(channel, file.toString()).readHeaders();
        }
    }

    /**
     * Reads what the ELF headers in a channel say.
     *
     * @param channel the bytes of the file
     * @param name the file's name, for messages
     * @return the linking and machine facts of the executable
     * @throws ElfFormatException when the bytes are not ELF, or their headers are truncated or inconsistent
     * @throws IOException when the channel cannot be read
     */
    public static ElfInfo read(SeekableByteChannel channel, String name) throws ElfFormatException, IOException {
        return new ElfReader(channel, name).readHeaders().info();
    }

    private Headers readHeaders() throws ElfFormatException, IOException {
        if (size < 16) {
            throw corrupt("it is only " + size + " bytes long, shorter than an ELF identification");
        }
        ByteBuffer ident = bytes(0, 16);
        if (ident.get(0) != 0x7f || ident.get(1) != 'E' || ident.get(2) != 'L' || ident.get(3) != 'F') {
            throw new ElfFormatException(name + " is not an ELF executable (no ELF magic number)");
        }
        int elfClass = ident.get(4);
        int data = ident.get(5);
        if (elfClass != 1 && elfClass != 2 || data != 1 && data != 2) {
            throw corrupt("its ELF class " + elfClass + " or data encoding " + data + " is not valid");
        }
        if (ident.get(6) != EV_CURRENT) {
            throw corrupt("its ELF version (EI_VERSION) is " + ident.get(6) + ", not 1");
        }
        wide = elfClass == 2;
        order = data == 1 ? ByteOrder.LITTLE_ENDIAN : ByteOrder.BIG_ENDIAN;
        int headerSize = wide ? 64 : 52;
        if (size < headerSize) {
            throw corrupt("it ends inside the ELF header (" + size + " of " + headerSize + " bytes)");
        }
        ByteBuffer header = bytes(0, headerSize);
        int type = Short.toUnsignedInt(header.getShort(16));
        int machine = Short.toUnsignedInt(header.getShort(18));
        if (order == ByteOrder.BIG_ENDIAN && ElfMachine.ociArchitecture(machine, wide, false).isEmpty()) {
            throw new ElfFormatException(name + " is a big-endian ELF file (" + ElfMachine.describe(machine) + "), and"
                    + " big-endian executables are not supported (s390x aside). Build it for amd64 (x86-64) or arm64"
                    + " (AArch64).");
        }
        long entry = wide ? header.getLong(24) : Integer.toUnsignedLong(header.getInt(24));
        long phoff = wide ? header.getLong(32) : Integer.toUnsignedLong(header.getInt(28));
        int phentsize = Short.toUnsignedInt(header.getShort(wide ? 54 : 42));
        int phnum = Short.toUnsignedInt(header.getShort(wide ? 56 : 44));
        List<Segment> segments = readSegments(phoff, phentsize, phnum);
        Optional<String> interpreter = Optional.empty();
        Dynamic dynamic = new Dynamic(List.of(), false);
        for (Segment segment : segments) {
            if (segment.type == PT_INTERP) {
                interpreter = Optional.of(readInterpreter(segment));
            }
        }
        for (Segment segment : segments) {
            if (segment.type == PT_DYNAMIC) {
                dynamic = readDynamic(segment, segments);
            }
        }
        ElfInfo info = new ElfInfo(machine, wide, order == ByteOrder.LITTLE_ENDIAN, type, interpreter, dynamic.needed);
        return new Headers(info, entry, dynamic.pieFlag);
    }

    private List<Segment> readSegments(long phoff, int phentsize, int phnum) throws ElfFormatException, IOException {
        // The kernel refuses to load a file without program headers, or whose entries are not exactly its size.
        if (phnum == 0) {
            throw corrupt("it has no program headers (e_phnum is 0), so nothing of it can be loaded");
        }
        int entrySize = wide ? 56 : 32;
        if (phentsize != entrySize) {
            throw corrupt("its program header entries are " + phentsize + " bytes; ELF" + (wide ? "64" : "32")
                    + " entries are exactly " + entrySize);
        }
        if (phnum == 0xffff) {
            throw corrupt("its program header count overflows (PN_XNUM), which executables never need");
        }
        long tableEnd = phoff + (long) phentsize * phnum;
        if (phoff < 0 || tableEnd > size || tableEnd < phoff) {
            throw corrupt("its program header table (" + phnum + " entries at offset " + Long.toUnsignedString(phoff)
                    + ") reaches past the end of the file (" + size + " bytes)");
        }
        ByteBuffer table = bytes(phoff, (int) (tableEnd - phoff));
        List<Segment> segments = new ArrayList<>(phnum);
        for (int i = 0; i < phnum; i++) {
            int at = i * phentsize;
            if (wide) {
                segments.add(new Segment(table.getInt(at), table.getLong(at + 8), table.getLong(at + 16),
                        table.getLong(at + 32)));
            } else {
                segments.add(new Segment(table.getInt(at), Integer.toUnsignedLong(table.getInt(at + 4)),
                        Integer.toUnsignedLong(table.getInt(at + 8)), Integer.toUnsignedLong(table.getInt(at + 16))));
            }
        }
        return segments;
    }

    private String readInterpreter(Segment segment) throws ElfFormatException, IOException {
        checkInFile(segment, "PT_INTERP");
        if (segment.fileSize > MAX_STRING) {
            throw corrupt("its interpreter path is " + segment.fileSize + " bytes long");
        }
        return cString(segment.offset, segment.fileSize);
    }

    private Dynamic readDynamic(Segment dynamic, List<Segment> segments) throws ElfFormatException, IOException {
        checkInFile(dynamic, "PT_DYNAMIC");
        long length = Math.min(dynamic.fileSize, MAX_DYNAMIC_BYTES);
        ByteBuffer entries = bytes(dynamic.offset, (int) length);
        int entrySize = wide ? 16 : 8;
        List<Long> neededOffsets = new ArrayList<>();
        long stringTable = -1;
        boolean pieFlag = false;
        for (int at = 0; at + entrySize <= length; at += entrySize) {
            long tag = wide ? entries.getLong(at) : entries.getInt(at);
            long value = wide ? entries.getLong(at + 8) : Integer.toUnsignedLong(entries.getInt(at + 4));
            if (tag == DT_NULL) {
                break;
            }
            if (tag == DT_NEEDED) {
                neededOffsets.add(value);
            } else if (tag == DT_STRTAB) {
                stringTable = value;
            } else if (tag == DT_FLAGS_1) {
                pieFlag = (value & DF_1_PIE) != 0;
            }
        }
        List<String> needed = new ArrayList<>();
        long tableOffset = stringTable < 0 ? -1 : fileOffsetOf(stringTable, segments);
        for (long offset : neededOffsets) {
            long at = tableOffset + offset;
            needed.add(tableOffset < 0 || at < tableOffset || at >= size ? "(unreadable library name)" : cString(at, MAX_STRING));
        }
        return new Dynamic(needed, pieFlag);
    }

    private long fileOffsetOf(long address, List<Segment> segments) {
        for (Segment segment : segments) {
            if (segment.type == PT_LOAD && Long.compareUnsigned(address, segment.address) >= 0
                    && Long.compareUnsigned(address - segment.address, segment.fileSize) < 0) {
                return segment.offset + (address - segment.address);
            }
        }
        return -1;
    }

    private void checkInFile(Segment segment, String what) throws ElfFormatException {
        long end = segment.offset + segment.fileSize;
        if (segment.offset < 0 || segment.fileSize < 0 || end > size || end < segment.offset) {
            throw corrupt("its " + what + " segment reaches past the end of the file");
        }
    }

    private String cString(long offset, long maxLength) throws IOException {
        int length = (int) Math.min(maxLength, size - offset);
        ByteBuffer buffer = bytes(offset, length);
        int end = 0;
        while (end < length && buffer.get(end) != 0) {
            end++;
        }
        byte[] text = new byte[end];
        buffer.get(0, text);
        return new String(text, StandardCharsets.UTF_8);
    }

    private ByteBuffer bytes(long offset, int length) throws IOException {
        ByteBuffer buffer = ByteBuffer.allocate(length).order(order == null ? ByteOrder.LITTLE_ENDIAN : order);
        channel.position(offset);
        while (buffer.hasRemaining()) {
            if (channel.read(buffer) < 0) {
                throw new IOException(name + " ended while reading it");
            }
        }
        return buffer.flip();
    }

    private ElfFormatException corrupt(String why) {
        return new ElfFormatException(name + " is not a valid ELF file: " + why
                + ". The file may be truncated or damaged; build it again.");
    }

    private record Segment(int type, long offset, long address, long fileSize) {
    }

    private record Dynamic(List<String> needed, boolean pieFlag) {
    }
}
