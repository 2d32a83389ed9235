package io.github.scratchpack.maven;

import io.github.scratchpack.testing.StaticBinaries;
import io.github.scratchpack.testing.TmpfsMount;
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
                + "Compile|package|list|Free|use|write|choose|Give|give|Rename)\\b.*"));
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

    private void files(ImageMojo mojo, File source, String target, String mode) throws Exception {
        FileMapping mapping = new FileMapping();
        mapping.setSource(source);
        mapping.setTarget(target);
        mapping.setMode(mode);
        setVariableValueToObject(mojo, "files", List.of(mapping));
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

    public void testTarballDirectoryIsReadOnly() throws Exception {
        try (TmpfsMount readOnly = TmpfsMount.mount(baseDirectory.resolve("read-only"), "ro,size=1m")) {
            assertRefused("Read-only file system", mojo -> setVariableValueToObject(mojo, "tarball",
                    readOnly.directory().resolve("image.tar").toFile()));
        }
    }
}
