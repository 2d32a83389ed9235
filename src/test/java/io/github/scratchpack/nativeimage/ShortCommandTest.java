package io.github.scratchpack.nativeimage;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Short commands such as the musl compiler check, whose messages may come in the machine's own encoding. */
class ShortCommandTest {
    @Test
    void aMessageInLatin1IsShownNotLost() throws Exception {
        ShortCommand.Result result = ShortCommand.run(List.of("sh", "-c",
                "printf 'x.c:1: Fehler: \\374bersetzung abgebrochen\\n'; exit 1"), Duration.ofSeconds(30));

        assertEquals(1, result.exitCode());
        assertTrue(result.output().startsWith("x.c:1: Fehler: \uFFFDbersetzung abgebrochen"), result.output());
    }
}
