package io.github.scratchpack.maven;

import io.github.scratchpack.testing.ExternalTool;
import io.github.scratchpack.testing.StaticBinaries;
import io.github.scratchpack.testing.TmpfsMount;
import io.github.scratchpack.testing.UnreadableFiles;
import java.io.File;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import org.apache.maven.plugin.AbstractMojoExecutionException;

/**
 * One test per bad input: each must fail the build with a first line that says what is wrong and what to do, and
 * leave the tarball and image.json of the previous good build exactly as they were.
 */
public class BadInputMatrixTest extends AbstractImageMojoTest {
    private Path binary;
    private Path tarball;
    private Path report;
    private byte[] previousTarball;
    private byte[] previousReport;

    @Override
    protected void setUp() throws Exception {
        super.setUp();
        binary = StaticBinaries.staticServer(baseDirectory.resolve("target"), "mojo-demo");
        configuredMojo().execute();
        tarball = baseDirectory.resolve("target/scratchpack/image.tar");
        report = baseDirectory.resolve("target/scratchpack/image.json");
        previousTarball = Files.readAllBytes(tarball);
        previousReport = Files.readAllBytes(report);
    }

    /** Applies a bad setting to a configured mojo. */
    private interface BadSetting {
        void apply(ImageMojo mojo) throws Exception;
    }

    private void assertRefused(String expected, BadSetting setting) throws Exception {
        ImageMojo mojo = configuredMojo();
        setting.apply(mojo);
        AbstractMojoExecutionException failure = assertThrows(AbstractMojoExecutionException.class, mojo::execute);
        String firstLine = failure.getMessage().lines().findFirst().orElse("");
        assertTrue("expected '" + expected + "' in: " + firstLine, firstLine.contains(expected));
        assertTrue("no advice in: " + firstLine, firstLine.matches(".*\\b(Build|build|Point|Write|Set|Use|Choose|Check|"
                + "Compile|package|list|Free|use|write|choose|Give|give|Rename|make)\\b.*"));
        assertTrue("the previous tarball changed", Arrays.equals(previousTarball, Files.readAllBytes(tarball)));
        assertTrue("the previous image.json changed", Arrays.equals(previousReport, Files.readAllBytes(report)));
    }

    private void binary(ImageMojo mojo, Path file) throws Exception {
        setVariableValueToObject(mojo, "binary", file.toFile());
    }

    private Path file(String name, byte[] content) throws IOException {
        return Files.write(baseDirectory.resolve(name), content);
    }

    private byte[] realElf() throws IOException {
        return Files.readAllBytes(binary);
    }

    public void testMissingBinary() throws Exception {
        assertRefused("does not exist", mojo -> binary(mojo, baseDirectory.resolve("nothing")));
    }

    public void testDirectoryAsBinary() throws Exception {
        assertRefused("is a directory", mojo -> binary(mojo, baseDirectory));
    }

    public void testEmptyBinary() throws Exception {
        assertRefused("is empty (0 bytes)", mojo -> binary(mojo, file("empty", new byte[0])));
    }

    public void testShellScript() throws Exception {
        assertRefused("is a script", mojo -> binary(mojo, file("run.sh", "#!/bin/sh\nexec java -jar app.jar\n".getBytes(StandardCharsets.UTF_8))));
    }

    public void testJar() throws Exception {
        assertRefused("is a jar or zip file", mojo -> binary(mojo, file("app.jar", new byte[] {'P', 'K', 3, 4, 20, 0, 0, 0})));
    }

    public void testDynamicallyLinkedExecutable() throws Exception {
        Path dynamic = StaticBinaries.dynamicServer(baseDirectory, "dynamic");
        assertRefused("is dynamically linked: it needs the interpreter /lib64/ld-linux-x86-64.so.2", mojo -> binary(mojo, dynamic));
    }

    public void testTruncatedElf() throws Exception {
        assertRefused("is not a valid ELF file", mojo -> binary(mojo, file("cut", Arrays.copyOf(realElf(), 60))));
    }

    public void testProgramHeaderOffsetPastTheEnd() throws Exception {
        byte[] elf = realElf();
        ByteBuffer.wrap(elf).order(ByteOrder.LITTLE_ENDIAN).putLong(32, Long.MAX_VALUE - 10);
        assertRefused("reaches past the end of the file", mojo -> binary(mojo, file("far", elf)));
    }

    public void testAbsurdProgramHeaderCount() throws Exception {
        byte[] elf = Arrays.copyOf(realElf(), 4096);
        ByteBuffer.wrap(elf).order(ByteOrder.LITTLE_ENDIAN).putShort(56, (short) 0xfff0);
        assertRefused("reaches past the end of the file", mojo -> binary(mojo, file("many", elf)));
    }

    public void testUnmappedArchitecture() throws Exception {
        byte[] elf = realElf();
        ByteBuffer.wrap(elf).order(ByteOrder.LITTLE_ENDIAN).putShort(18, (short) 43);
        assertRefused("cannot map to an image architecture", mojo -> binary(mojo, file("sparc", elf)));
    }

    /** Refuses the real executable with one header field overwritten (little-endian, 1, 2 or 8 bytes). */
    private void assertRefusedWithHeaderField(String expected, int offset, int length, long value) throws Exception {
        byte[] elf = realElf();
        ByteBuffer header = ByteBuffer.wrap(elf).order(ByteOrder.LITTLE_ENDIAN);
        switch (length) {
            case 1 -> header.put(offset, (byte) value);
            case 2 -> header.putShort(offset, (short) value);
            default -> header.putLong(offset, value);
        }
        Path patched = file("patched-" + offset, elf);
        assertRefused(expected, mojo -> binary(mojo, patched));
    }

    public void testNoProgramHeaders() throws Exception {
        assertRefusedWithHeaderField("has no program headers", 56, 2, 0);
    }

    public void testWrongProgramHeaderEntrySize() throws Exception {
        assertRefusedWithHeaderField("ELF64 entries are exactly 56", 54, 2, 64);
    }

    public void testBadElfVersion() throws Exception {
        assertRefusedWithHeaderField("its ELF version (EI_VERSION) is 0", 6, 1, 0);
    }

    public void testBigEndianHeader() throws Exception {
        assertRefusedWithHeaderField("big-endian executables are not supported", 5, 1, 2);
    }

    public void testSharedLibrary() throws Exception {
        Path library = StaticBinaries.sharedLibrary(baseDirectory, "libanswer.so");
        assertRefused("is a shared library, not an executable", mojo -> binary(mojo, library));
    }

    public void testFifoAsBinary() throws Exception {
        Path fifo = baseDirectory.resolve("fifo");
        ExternalTool.check(List.of(ExternalTool.require("mkfifo").toString(), fifo.toString()));
        assertRefused("is not a regular file", mojo -> binary(mojo, fifo));
    }

    public void testDeviceAsBinary() throws Exception {
        assertRefused("is not a regular file", mojo -> binary(mojo, Path.of("/dev/zero")));
    }

    public void testUnreadableBinary() throws Exception {
        Path unreadable = UnreadableFiles.find(baseDirectory);
        assertRefused("Cannot read the binary " + unreadable + " (permission denied); make it readable",
                mojo -> binary(mojo, unreadable));
    }

    public void testUpperCaseRepository() throws Exception {
        assertRefused("write 'acme/app'", mojo -> setVariableValueToObject(mojo, "image", "Acme/App:1.0"));
    }

    public void testBadTag() throws Exception {
        assertRefused("the tag '-1.0' is not valid", mojo -> setVariableValueToObject(mojo, "image", "app:-1.0"));
        assertRefused("the tag 'a b' is not valid", mojo -> setVariableValueToObject(mojo, "tags", List.of("a b")));
    }

    public void testEmptyReference() throws Exception {
        assertRefused("it is empty", mojo -> setVariableValueToObject(mojo, "image", ""));
    }

    public void testTooLongReference() throws Exception {
        assertRefused("the limit is 255", mojo -> setVariableValueToObject(mojo, "image", "a".repeat(300) + ":1"));
    }

    public void testRegistryPortOutOfRange() throws Exception {
        assertRefused("the registry port 99999 is out of range", mojo -> setVariableValueToObject(mojo, "image", "localhost:99999/x:1"));
        assertRefused("the registry port 0 is out of range", mojo -> setVariableValueToObject(mojo, "image", "localhost:0/x:1"));
    }

    public void testEmptyPort() throws Exception {
        assertRefused("There is an empty <port> in <ports>", mojo -> setVariableValueToObject(mojo, "ports", Arrays.asList("8080", null)));
    }

    public void testEmptyEntrypointElement() throws Exception {
        assertRefused("Element 2 of <entrypoint> is empty", mojo -> setVariableValueToObject(mojo, "entrypoint",
                Arrays.asList("/app/mojo-demo", null)));
        assertRefused("Element 1 of <entrypoint> is empty", mojo -> setVariableValueToObject(mojo, "entrypoint", List.of(" ")));
    }

    public void testCreationTimeOutOfRange() throws Exception {
        assertRefused("is outside the times an image can record", mojo -> setVariableValueToObject(mojo, "creationTime", "99999999999999"));
        assertRefused("is outside the times an image can record", mojo -> setVariableValueToObject(mojo, "creationTime", "-1"));
        assertRefused("is outside the times an image can record", mojo -> setVariableValueToObject(mojo, "creationTime", "+10000-01-01T00:00:00Z"));
    }

    public void testUnknownCompression() throws Exception {
        assertRefused("The compression 'lz4' is not known. Use gzip, zstd or none.", mojo -> setVariableValueToObject(mojo, "compression", "lz4"));
    }

    public void testWorkingDirectoryWithDotDot() throws Exception {
        assertRefused("has a '.' or '..' part", mojo -> setVariableValueToObject(mojo, "workingDirectory", "/app/../.."));
    }

    public void testPortOutOfRange() throws Exception {
        assertRefused("out of range", mojo -> setVariableValueToObject(mojo, "ports", List.of("70000")));
    }

    public void testPortNotANumber() throws Exception {
        assertRefused("is not a number", mojo -> setVariableValueToObject(mojo, "ports", List.of("http")));
    }

    public void testEnvironmentWithoutName() throws Exception {
        assertRefused("environment variable name '' is not valid", mojo -> setVariableValueToObject(mojo, "environment", Map.of("", "x")));
    }

    public void testEnvironmentNameWithEquals() throws Exception {
        assertRefused("environment variable name 'A=B' is not valid", mojo -> setVariableValueToObject(mojo, "environment", Map.of("A=B", "x")));
    }

    public void testLabelWithEmptyKey() throws Exception {
        assertRefused("A label has an empty key", mojo -> setVariableValueToObject(mojo, "labels", Map.of("", "x")));
    }

    public void testUserNotInPasswd() throws Exception {
        assertRefused("is not in the image's /etc/passwd", mojo -> setVariableValueToObject(mojo, "user", "daemon"));
    }

    public void testUserWithUnknownGroup() throws Exception {
        assertRefused("The group 'abc' of the user '65532:abc' is not in the image's /etc/group, which has only root,"
                + " nobody and nonroot. Set user (scratchpack.user)", mojo -> setVariableValueToObject(mojo, "user", "65532:abc"));
    }

    private void files(ImageMojo mojo, File source, String target, String mode) throws Exception {
        setVariableValueToObject(mojo, "files", List.of(mapping(source, target, mode)));
    }

    private static FileMapping mapping(File source, String target, String mode) {
        FileMapping mapping = new FileMapping();
        mapping.setSource(source);
        mapping.setTarget(target);
        mapping.setMode(mode);
        return mapping;
    }

    private File config() {
        return baseDirectory.resolve("src/main/config/app.toml").toFile();
    }

    public void testFileSourceMissing() throws Exception {
        assertRefused("does not exist", mojo -> files(mojo, baseDirectory.resolve("nope.toml").toFile(), "/etc/x", "644"));
    }

    public void testFileTargetRelative() throws Exception {
        assertRefused("is not an absolute path", mojo -> files(mojo, config(), "etc/app.toml", "644"));
    }

    public void testFileTargetWithDotDot() throws Exception {
        assertRefused("has an empty, '.' or '..' part", mojo -> files(mojo, config(), "/etc/../../app.toml", "644"));
    }

    public void testFileTargetOverwritesTheExecutable() throws Exception {
        assertRefused("would replace a file that scratchpack writes", mojo -> files(mojo, config(), "/app/mojo-demo", "644"));
    }

    public void testFileTargetOverwritesPasswd() throws Exception {
        assertRefused("would replace a file that scratchpack writes", mojo -> files(mojo, config(), "/etc/passwd", "644"));
    }

    public void testFileTargetReplacesADirectoryOfTheImage() throws Exception {
        for (String directory : List.of("/etc", "/tmp", "/home", "/home/nonroot", "/app", "/etc/ssl", "/etc/ssl/certs")) {
            assertRefused("The file target " + directory + " would replace the directory " + directory,
                    mojo -> files(mojo, config(), directory, "644"));
        }
        assertRefused("The file target '/' is the root directory", mojo -> files(mojo, config(), "/", "644"));
    }

    public void testFileTargetInsideAFileOfTheImage() throws Exception {
        assertRefused("is inside /app/mojo-demo, a file that scratchpack writes", mojo -> files(mojo, config(), "/app/mojo-demo/x", "644"));
        assertRefused("is inside /etc/passwd, a file that scratchpack writes", mojo -> files(mojo, config(), "/etc/passwd/x", "644"));
    }

    public void testFileTargetInsideTheRuntimeUsersDirectories() throws Exception {
        assertRefused("is inside /tmp, which the image gives to the runtime user (mode 1777, owner 0)",
                mojo -> files(mojo, config(), "/tmp/app.toml", "644"));
        assertRefused("is inside /home/nonroot, which the image gives to the runtime user (mode 0700, owner 65532)",
                mojo -> files(mojo, config(), "/home/nonroot/.config/app.toml", "644"));
    }

    public void testFileTargetsInsideEachOther() throws Exception {
        FileMapping outer = mapping(config(), "/etc/a", "644");
        FileMapping inner = mapping(config(), "/etc/a/b", "644");
        assertRefused("The file targets /etc/a and /etc/a/b collide", mojo -> setVariableValueToObject(mojo, "files", List.of(outer, inner)));
        assertRefused("The file targets /etc/a and /etc/a/b collide", mojo -> setVariableValueToObject(mojo, "files", List.of(inner, outer)));
    }

    public void testFileTargetsBesideTheImagesOwnPathsAreAllowed() throws Exception {
        ImageMojo mojo = configuredMojo();
        List<String> targets = List.of("/etc/app/app.toml", "/srv/data.txt", "/app/config/app.toml",
                "/etc/ssl/certs/extra.pem", "/home/other/notes.txt");
        List<FileMapping> mappings = new java.util.ArrayList<>();
        for (String target : targets) {
            mappings.add(mapping(config(), target, "644"));
        }
        setVariableValueToObject(mojo, "files", mappings);
        mojo.execute();
        for (String target : targets) {
            assertTrue(target, layerEntryNames().contains(target.substring(1)));
        }
    }

    public void testFileModeWritableByGroupOrOthers() throws Exception {
        for (String mode : List.of("777", "666", "664", "0620")) {
            assertRefused("The mode '" + mode + "' of /etc/x lets group or others write the file", mojo -> files(mojo, config(), "/etc/x", mode));
        }
    }

    public void testFileTargetNameTooLong() throws Exception {
        assertRefused("has a part of 256 bytes; file names are at most 255 bytes", mojo -> files(mojo, config(), "/etc/" + "a".repeat(256), "644"));
        assertRefused("has a part of 256 bytes", mojo -> files(mojo, config(), "/etc/" + "é".repeat(128), "644"));
    }

    public void testUnreadableFileSource() throws Exception {
        Path unreadable = UnreadableFiles.find(baseDirectory);
        assertRefused("Cannot read the file source " + unreadable + " (permission denied); make it readable",
                mojo -> files(mojo, unreadable.toFile(), "/etc/app/secret", "644"));
    }

    public void testFileModeNotOctal() throws Exception {
        assertRefused("is not an octal permission", mojo -> files(mojo, config(), "/etc/x", "0x1ff"));
    }

    public void testSymbolicLinkSourceIsFollowed() throws Exception {
        Path link = Files.createSymbolicLink(baseDirectory.resolve("link.toml"), config().toPath());
        ImageMojo mojo = configuredMojo();
        files(mojo, link.toFile(), "/etc/app/linked.toml", "644");
        mojo.execute();
        assertTrue(layerEntryNames().contains("etc/app/linked.toml"));
    }

    public void testNonAsciiFileNamesRoundTrip() throws Exception {
        Path source = Files.writeString(baseDirectory.resolve("grüße.toml"), "gruß = 1\n");
        ImageMojo mojo = configuredMojo();
        files(mojo, source.toFile(), "/etc/äpp/日本語.toml", "644");
        mojo.execute();
        assertTrue(layerEntryNames().contains("etc/äpp/日本語.toml"));
    }

    private java.util.Set<String> layerEntryNames() throws IOException {
        java.util.Set<String> names = new java.util.HashSet<>();
        try (var outer = new org.apache.commons.compress.archivers.tar.TarArchiveInputStream(Files.newInputStream(tarball))) {
            for (var blob = outer.getNextEntry(); blob != null; blob = outer.getNextEntry()) {
                if (!blob.getName().startsWith("blobs/")) {
                    continue;
                }
                byte[] bytes = outer.readAllBytes();
                if (bytes.length < 2 || bytes[0] != 0x1f || bytes[1] != (byte) 0x8b) {
                    continue;
                }
                try (var layer = new org.apache.commons.compress.archivers.tar.TarArchiveInputStream(
                        new java.util.zip.GZIPInputStream(new java.io.ByteArrayInputStream(bytes)), "UTF-8")) {
                    for (var entry = layer.getNextEntry(); entry != null; entry = layer.getNextEntry()) {
                        names.add(entry.getName());
                    }
                }
            }
        }
        return names;
    }

    public void testTarballDirectoryIsAFile() throws Exception {
        Path blocker = file("blocker", new byte[] {1});
        assertRefused("a file is in the way", mojo -> setVariableValueToObject(mojo, "tarball", blocker.resolve("image.tar").toFile()));
    }

    public void testTarballIsADirectory() throws Exception {
        Path directory = Files.createDirectories(baseDirectory.resolve("out/image.tar"));
        assertRefused("exists and is not a regular file (it is a directory)", mojo -> setVariableValueToObject(mojo, "tarball", directory.toFile()));
        assertTrue(Files.isDirectory(directory));
    }

    public void testTarballIsAFifo() throws Exception {
        Path fifo = Files.createDirectories(baseDirectory.resolve("fifo-out")).resolve("image.tar");
        ExternalTool.check(List.of(ExternalTool.require("mkfifo").toString(), fifo.toString()));
        assertRefused("exists and is not a regular file (it is a device, a FIFO or a socket)",
                mojo -> setVariableValueToObject(mojo, "tarball", fifo.toFile()));
        assertTrue(Files.readAttributes(fifo, java.nio.file.attribute.BasicFileAttributes.class, java.nio.file.LinkOption.NOFOLLOW_LINKS).isOther());
    }

    public void testTarballDirectoryIsReadOnly() throws Exception {
        try (TmpfsMount readOnly = TmpfsMount.mount(baseDirectory.resolve("read-only"), "ro,size=1m")) {
            assertRefused("Read-only file system", mojo -> setVariableValueToObject(mojo, "tarball",
                    readOnly.directory().resolve("image.tar").toFile()));
        }
    }
}
