package io.github.scratchpack.elf;

import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;

/**
 * Builds small 64-bit little-endian ELF files for tests: a header, a program header table, and optionally an
 * interpreter and a dynamic section with DT_NEEDED entries.
 */
final class ElfBytes {
    private int machine = 62;
    private int type = 2;
    private long entry = 0x400000;
    private String interpreter;
    private String[] needed = new String[0];

    ElfBytes machine(int value) {
        machine = value;
        return this;
    }

    ElfBytes type(int value) {
        type = value;
        return this;
    }

    ElfBytes entry(long address) {
        entry = address;
        return this;
    }

    ElfBytes interpreter(String path) {
        interpreter = path;
        return this;
    }

    ElfBytes needed(String... libraries) {
        needed = libraries;
        return this;
    }

    byte[] build() {
        boolean dynamic = needed.length > 0;
        int phnum = 1 + (interpreter != null ? 1 : 0) + (dynamic ? 1 : 0);
        int phoff = 64;
        int dataStart = phoff + phnum * 56;
        int interpOffset = dataStart;
        byte[] interpBytes = interpreter == null ? new byte[0] : (interpreter + "\0").getBytes(StandardCharsets.UTF_8);
        int stringsOffset = interpOffset + interpBytes.length;
        StringBuilder strings = new StringBuilder("\0");
        long[] nameOffsets = new long[needed.length];
        for (int i = 0; i < needed.length; i++) {
            nameOffsets[i] = strings.length();
            strings.append(needed[i]).append('\0');
        }
        byte[] stringBytes = strings.toString().getBytes(StandardCharsets.UTF_8);
        int dynamicOffset = stringsOffset + stringBytes.length;
        int dynamicSize = (needed.length + 2) * 16;
        int total = dynamicOffset + (dynamic ? dynamicSize : 0);

        ByteBuffer out = ByteBuffer.allocate(total).order(ByteOrder.LITTLE_ENDIAN);
        out.put(new byte[] {0x7f, 'E', 'L', 'F', 2, 1, 1, 0});
        out.position(16);
        out.putShort((short) type).putShort((short) machine).putInt(1);
        out.putLong(entry).putLong(phoff).putLong(0);
        out.putInt(0).putShort((short) 64).putShort((short) 56).putShort((short) phnum);
        out.putShort((short) 64).putShort((short) 0).putShort((short) 0);
        out.position(phoff);
        segment(out, 1, 0, 0x400000, total);
        if (interpreter != null) {
            segment(out, 3, interpOffset, 0x400000 + interpOffset, interpBytes.length);
        }
        if (dynamic) {
            segment(out, 2, dynamicOffset, 0x400000 + dynamicOffset, dynamicSize);
        }
        out.position(interpOffset);
        out.put(interpBytes);
        out.put(stringBytes);
        if (dynamic) {
            for (long offset : nameOffsets) {
                out.putLong(1).putLong(offset);
            }
            out.putLong(5).putLong(0x400000 + stringsOffset);
            out.putLong(0).putLong(0);
        }
        return out.array();
    }

    private static void segment(ByteBuffer out, int type, long offset, long address, long size) {
        out.putInt(type).putInt(5).putLong(offset).putLong(address).putLong(address).putLong(size).putLong(size)
                .putLong(0x1000);
    }
}
