package io.github.scratchpack.registry;

import io.github.scratchpack.credentials.CredentialChain;
import io.github.scratchpack.credentials.GivenCredentials;
import io.github.scratchpack.credentials.RegistryCredential;
import io.github.scratchpack.credentials.SettingsServerCredentials;
import io.github.scratchpack.elf.StaticExecutableCheck;
import io.github.scratchpack.image.CaCertificates;
import io.github.scratchpack.image.ImageReference;
import io.github.scratchpack.image.ImageSpec;
import io.github.scratchpack.output.ImageTarballReader;
import io.github.scratchpack.output.TarballBuild;
import io.github.scratchpack.output.TarballImage;
import io.github.scratchpack.testing.StaticBinaries;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Random;

/** Builds a real image tarball to push, and push settings with short retry pauses. */
final class PushFixtures {
    private PushFixtures() {
    }

    /**
     * Builds the test server into an image with the image goal's code and reads the tarball back.
     *
     * @param directory where the binary, work files and tarball go
     * @param randomBytes the size of an incompressible file layer to add, or 0 for none
     */
    static TarballImage image(Path directory, int randomBytes) throws Exception {
        Path binary = StaticBinaries.staticServer(directory, "server");
        String bundle = new String(CaCertificates.fromJavaRuntime(Path.of(System.getProperty("java.home"))),
                StandardCharsets.US_ASCII);
        Path pem = Files.writeString(directory.resolve("ca.pem"),
                bundle.substring(0, bundle.indexOf("-----END CERTIFICATE-----\n") + 26));
        ImageSpec.Builder spec = ImageSpec.builder(binary, StaticExecutableCheck.check(binary),
                        ImageReference.parse("demo/app:1.0"))
                .port("8080").certificates(CaCertificates.fromPemFile(pem))
                .creationTime(Instant.parse("2026-01-01T00:00:00Z"));
        if (randomBytes > 0) {
            byte[] noise = new byte[randomBytes];
            new Random(42).nextBytes(noise);
            spec.file(Files.write(directory.resolve("noise.bin"), noise), "/data/noise.bin", "644");
        }
        Path tarball = directory.resolve("out/image.tar");
        new TarballBuild(directory.resolve("work")).run(spec.build(), tarball, tarball.resolveSibling("image.json"));
        return ImageTarballReader.read(tarball);
    }

    static RegistryPush.Options options(Path certificates, BlobOpener opener) {
        return new RegistryPush.Options(false, certificates, 3, quickRetry(5), null, opener);
    }

    static Retry quickRetry(int attempts) {
        return new Retry(attempts, Duration.ofMillis(500), Duration.ofSeconds(2), duration -> Thread.sleep(duration.toMillis()));
    }

    /** Only the given settings.xml servers; no parameters, and config files that do not exist. */
    static CredentialChain settingsOnly(Map<String, RegistryCredential> servers, Path emptyHome) {
        return CredentialChain.standard(new GivenCredentials(null, null),
                new SettingsServerCredentials(id -> Optional.ofNullable(servers.get(id))), Map.of(), emptyHome,
                event -> { });
    }

    static List<String> tags() {
        return List.of("latest");
    }
}
