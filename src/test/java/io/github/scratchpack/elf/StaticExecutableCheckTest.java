package io.github.scratchpack.elf;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.github.scratchpack.testing.ExternalTool;
import io.github.scratchpack.testing.StaticBinaries;
import io.github.scratchpack.testing.UnreadableFiles;
import java.io.IOException;
import java.io.RandomAccessFile;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class StaticExecutableCheckTest {
    @TempDir
    Path dir;

    private Path write(String name, byte[] content) throws IOException {
        return Files.write(dir.resolve(name), content);
    }

    private String rejection(Path file) {
        return assertThrows(ElfFormatException.class, () -> StaticExecutableCheck.check(file)).getMessage();
    }

    @Test
    void acceptsStaticAmd64Executable() throws Exception {
        ElfInfo info = StaticExecutableCheck.check(write("app", new ElfBytes().build()));
        assertEquals(Optional.of("amd64"), info.ociArchitecture());
        assertFalse(info.isDynamicallyLinked());
    }

    @Test
    void mapsAarch64ToArm64() throws Exception {
        ElfInfo info = StaticExecutableCheck.check(write("app", new ElfBytes().machine(183).build()));
        assertEquals(Optional.of("arm64"), info.ociArchitecture());
    }

    @Test
    void acceptsStaticPieWithEmptyDynamicSection() throws Exception {
        ElfInfo info = StaticExecutableCheck.check(write("app", new ElfBytes().type(3).build()));
        assertTrue(info.neededLibraries().isEmpty());
    }

    @Test
    void refusesSharedObjectWithoutEntryPointOrPieFlag() throws Exception {
        String message = rejection(write("lib.so", new ElfBytes().type(3).entry(0).build()));
        assertTrue(message.contains("is a shared library, not an executable"), message);
    }

    @Test
    void realStaticPieIsAcceptedAndRealSharedLibraryIsNot() throws Exception {
        Path pie = StaticBinaries.staticPieServer(dir, "static-pie-server");
        ElfInfo info = StaticExecutableCheck.check(pie);
        assertEquals(ElfInfo.ET_DYN, info.type());
        assertFalse(info.isDynamicallyLinked());
        assertTrue(ElfReader.readHeaders(pie).pieFlag(), "the linker marks a static PIE with DF_1_PIE");

        Path library = StaticBinaries.sharedLibrary(dir, "libanswer.so");
        assertEquals(0, ElfReader.readHeaders(library).entry());
        String message = rejection(library);
        assertTrue(message.contains("is a shared library, not an executable"), message);
    }

    @Test
    void refusesWhatTheKernelWouldNotLoad() throws Exception {
        byte[] none = new ElfBytes().build();
        ByteBuffer.wrap(none).order(ByteOrder.LITTLE_ENDIAN).putShort(56, (short) 0);
        String message = rejection(write("no-phdrs", none));
        assertTrue(message.contains("has no program headers (e_phnum is 0)"), message);
        for (int size : new int[] {32, 57, 64}) {
            byte[] bytes = new ElfBytes().build();
            ByteBuffer.wrap(bytes).order(ByteOrder.LITTLE_ENDIAN).putShort(54, (short) size);
            message = rejection(write("phentsize-" + size, bytes));
            assertTrue(message.contains("its program header entries are " + size + " bytes; ELF64 entries are exactly 56"), message);
        }
    }

    private String rejectionWithIdentByte(int index, int value) throws IOException {
        byte[] bytes = new ElfBytes().build();
        bytes[index] = (byte) value;
        return rejection(write("ident-" + index, bytes));
    }

    @Test
    void refusesUnknownElfVersion() throws Exception {
        String message = rejectionWithIdentByte(6, 2);
        assertTrue(message.contains("its ELF version (EI_VERSION) is 2, not 1"), message);
    }

    @Test
    void saysBigEndianIsNotSupported() throws Exception {
        String message = rejectionWithIdentByte(5, 2);
        assertTrue(message.contains("is a big-endian ELF file"), message);
        assertTrue(message.contains("big-endian executables are not supported"), message);
    }

    @Test
    void refusesFifoAndDeviceAsNotRegularFiles() throws Exception {
        Path fifo = dir.resolve("fifo");
        ExternalTool.check(List.of(ExternalTool.require("mkfifo").toString(), fifo.toString()));
        assertTrue(rejection(fifo).contains("is not a regular file"));
        assertTrue(rejection(Path.of("/dev/zero")).contains("is not a regular file"));
    }

    @Test
    void saysWhenTheBinaryCannotBeRead() throws Exception {
        Path unreadable = UnreadableFiles.find(dir);
        assertEquals(StaticExecutableCheck.unreadable(unreadable), rejection(unreadable));
        assertTrue(rejection(unreadable).contains("Cannot read the binary " + unreadable + " (permission denied); make it"
                + " readable by the user running Maven"));
    }

    @Test
    void refusesDynamicExecutableNamingInterpreterAndLibraries() throws Exception {
        Path file = write("app", new ElfBytes().interpreter("/lib/ld-musl-x86_64.so.1").needed("libz.so.1", "libc.so").build());
        ElfInfo info = ElfReader.read(file);
        assertEquals(Optional.of("/lib/ld-musl-x86_64.so.1"), info.interpreter());
        assertEquals(List.of("libz.so.1", "libc.so"), info.neededLibraries());
        String message = rejection(file);
        assertTrue(message.contains("is dynamically linked: it needs the interpreter /lib/ld-musl-x86_64.so.1"
                + " and the libraries libz.so.1, libc.so"), message);
        assertTrue(message.contains("--static --libc=musl"), message);
    }

    @Test
    void refusesLibrariesWithoutInterpreter() throws Exception {
        String message = rejection(write("app", new ElfBytes().needed("libc.so.6").build()));
        assertTrue(message.contains("dynamically linked: it needs the libraries libc.so.6"), message);
    }

    @Test
    void readsRealBinariesFromTheCompilers() throws Exception {
        Path statically = StaticBinaries.staticServer(dir, "static-server");
        assertFalse(StaticExecutableCheck.check(statically).isDynamicallyLinked());
        Path dynamically = StaticBinaries.dynamicServer(dir, "dynamic-server");
        ElfInfo info = ElfReader.read(dynamically);
        assertTrue(info.interpreter().orElseThrow().contains("ld-linux"), info.toString());
        assertTrue(info.neededLibraries().contains("libc.so.6"), info.toString());
    }

    @Test
    void refusesMissingFile() {
        assertTrue(rejection(dir.resolve("absent")).contains("does not exist"));
    }

    @Test
    void refusesDirectory() {
        assertTrue(rejection(dir).contains("is a directory"));
    }

    @Test
    void refusesEmptyFile() throws Exception {
        assertTrue(rejection(write("empty", new byte[0])).contains("is empty (0 bytes)"));
    }

    @Test
    void refusesShellScript() throws Exception {
        assertTrue(rejection(write("run.sh", "#!/bin/sh\necho hi\n".getBytes(StandardCharsets.US_ASCII))).contains("is a script"));
    }

    @Test
    void refusesJar() throws Exception {
        assertTrue(rejection(write("app.jar", new byte[] {'P', 'K', 3, 4, 0, 0})).contains("is a jar or zip file"));
    }

    @Test
    void refusesTextFile() throws Exception {
        assertTrue(rejection(write("notes", "hello world, this is text".getBytes(StandardCharsets.US_ASCII)))
                .contains("is not an ELF executable"));
    }

    @Test
    void refusesTruncatedElf() throws Exception {
        byte[] whole = new ElfBytes().build();
        assertTrue(rejection(write("cut", Arrays.copyOf(whole, 40))).contains("ends inside the ELF header"));
        assertTrue(rejection(write("cut2", Arrays.copyOf(whole, 90))).contains("program header table"));
    }

    @Test
    void refusesProgramHeadersPastTheEnd() throws Exception {
        byte[] bytes = new ElfBytes().build();
        ByteBuffer.wrap(bytes).order(ByteOrder.LITTLE_ENDIAN).putLong(32, 0x7fff_ffff_ffffL);
        assertTrue(rejection(write("far", bytes)).contains("reaches past the end of the file"));
    }

    @Test
    void refusesAbsurdProgramHeaderCount() throws Exception {
        byte[] bytes = new ElfBytes().build();
        ByteBuffer.wrap(bytes).order(ByteOrder.LITTLE_ENDIAN).putShort(56, (short) 0xfffe);
        assertTrue(rejection(write("many", bytes)).contains("reaches past the end of the file"));
    }

    @Test
    void refusesInterpreterSegmentPastTheEnd() throws Exception {
        byte[] bytes = new ElfBytes().interpreter("/lib/ld.so").build();
        ByteBuffer.wrap(bytes).order(ByteOrder.LITTLE_ENDIAN).putLong(64 + 56 + 8, 1L << 40);
        assertTrue(rejection(write("interp", bytes)).contains("PT_INTERP segment reaches past the end"));
    }

    @Test
    void refusesUnmappedArchitecture() throws Exception {
        String message = rejection(write("sparc", new ElfBytes().machine(43).build()));
        assertTrue(message.contains("cannot map to an image architecture"), message);
    }

    @Test
    void refusesObjectFile() throws Exception {
        assertTrue(rejection(write("x.o", new ElfBytes().type(1).build())).contains("not an executable"));
    }

    @Test
    void readsOnlyTheHeadersOfLargeSparseFiles() throws Exception {
        Path file = write("big", new ElfBytes().build());
        try (RandomAccessFile raf = new RandomAccessFile(file.toFile(), "rw")) {
            raf.setLength(3L << 30);
        }
        assertEquals(Optional.of("amd64"), StaticExecutableCheck.check(file).ociArchitecture());
    }
}
