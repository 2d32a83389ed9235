package io.github.scratchpack.engine;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** The engine's short commands, whose messages may come in the machine's own encoding. */
class ProcessRunnerTest {
    @Test
    void aMessageInLatin1IsShownNotLost() throws Exception {
        ProcessRunner.Result result = new ProcessRunner(Map.of("PATH", "/usr/bin:/bin")).run(List.of("sh", "-c",
                "printf 'Erreur : r\\351seau injoignable\\n' >&2; exit 125"), null, Duration.ofSeconds(30));

        assertEquals(125, result.exitCode());
        assertEquals("Erreur : r\uFFFDseau injoignable", result.firstLine());
    }
}
