package io.github.scratchpack.fuzz;

import com.code_intelligence.jazzer.junit.FuzzTest;
import io.github.scratchpack.image.ImageReference;

/**
 * Feeds arbitrary text to the image reference parser. It may only refuse with {@link IllegalArgumentException}, and
 * whatever it accepts must print back to a reference that parses to the same value.
 */
class ImageReferenceFuzzTest {
    @FuzzTest(maxDuration = "15s")
    void parsesOrRefusesAndRoundTrips(String text) {
        ImageReference reference;
        try {
            reference = ImageReference.parse(text);
        } catch (IllegalArgumentException expected) {
            if (!expected.getMessage().startsWith("The image reference")) {
                throw new IllegalStateException("unexpected message: " + expected.getMessage(), expected);
            }
            return;
        }
        ImageReference again = ImageReference.parse(reference.toString());
        if (!again.equals(reference)) {
            throw new IllegalStateException(reference + " printed and parsed again gave " + again);
        }
        if (reference.name().length() > 255 || reference.tag().length() > 128) {
            throw new IllegalStateException("accepted an over-long reference: " + reference);
        }
    }
}
