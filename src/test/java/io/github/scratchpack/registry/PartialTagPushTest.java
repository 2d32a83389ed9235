package io.github.scratchpack.registry;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.github.scratchpack.image.ImageReference;
import io.github.scratchpack.network.PushException;
import io.github.scratchpack.output.TarballImage;
import io.github.scratchpack.testing.ExternalTool;
import io.github.scratchpack.testing.FaultInjectingProxy;
import io.github.scratchpack.testing.LocalRegistry;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A real registry whose second tag's manifest PUT keeps failing: the message says exactly which tags now point at
 * the new image, and skopeo confirms it.
 */
class PartialTagPushTest {
    @TempDir
    Path dir;

    @Test
    void aFailureAtTheSecondTagSaysTheFirstOneWasChangedAndTheOthersWereNot() throws Exception {
        TarballImage image = PushFixtures.image(dir, 0);
        try (LocalRegistry registry = LocalRegistry.start(dir.resolve("registry"));
             FaultInjectingProxy proxy = FaultInjectingProxy.start(registry.address())) {
            proxy.answer(Integer.MAX_VALUE, "500 Internal Server Error", null, "PUT /v2/demo/app/manifests/latest ");
            String name = proxy.address() + "/demo/app";
            RegistryPush push = new RegistryPush(new RegistryPush.Options(false, null, 2, PushFixtures.quickRetry(2),
                    null, null), PushFixtures.settingsOnly(Map.of(), dir.resolve("home")),
                    new RecordingPushListener(), event -> { });

            PushException failure = assertThrows(PushException.class,
                    () -> push.push(image, ImageReference.parse(name + ":1.0"), List.of("latest", "1")));

            assertEquals("The registry " + proxy.address() + " kept failing with HTTP 500 (UNKNOWN: 500 Internal Server Error,"
                    + " scripted by the test); " + name + ":1.0 now points"
                    + " at " + image.manifestDigest() + ", but " + name + ":latest and " + name + ":1 were not changed."
                    + " Check the registry's log, then push again.", failure.getMessage());
            assertEquals(image.manifestDigest(), RegistryPushTest.skopeoDigest(registry.address() + "/demo/app:1.0",
                    "--tls-verify=false"));
            for (String tag : List.of("latest", "1")) {
                ExternalTool.Result missing = ExternalTool.run(Duration.ofMinutes(1), List.of(
                        ExternalTool.require("skopeo").toString(), "inspect", "--tls-verify=false",
                        "docker://" + registry.address() + "/demo/app:" + tag));
                assertTrue(missing.exitCode() != 0 && missing.output().contains("manifest unknown"), missing.output());
            }
        }
    }
}
