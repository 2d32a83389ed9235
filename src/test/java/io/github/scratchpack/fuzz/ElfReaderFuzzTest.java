package io.github.scratchpack.fuzz;

import com.code_intelligence.jazzer.junit.FuzzTest;
import io.github.scratchpack.elf.ElfFormatException;
import io.github.scratchpack.elf.ElfInfo;
import io.github.scratchpack.elf.ElfReader;
import java.io.IOException;
import org.apache.commons.compress.utils.SeekableInMemoryByteChannel;

/**
 * Feeds arbitrary bytes to the ELF reader. The only failure it may report is {@link ElfFormatException}; any other
 * exception, such as an index or arithmetic error, fails the test. A bounded fuzzing run is part of
 * {@code mvn verify}; without {@code JAZZER_FUZZ=1} it replays the saved inputs.
 */
class ElfReaderFuzzTest {
    @FuzzTest(maxDuration = "15s")
    void readsAnyBytesOrSaysWhyNot(byte[] data) throws IOException {
        try {
            ElfInfo info = ElfReader.read(new SeekableInMemoryByteChannel(data), "fuzzed");
            if (info.interpreter().isPresent() && !info.isDynamicallyLinked()) {
                throw new IllegalStateException("an interpreter without dynamic linking");
            }
        } catch (ElfFormatException expected) {
            if (expected.getMessage() == null || expected.getMessage().isBlank()) {
                throw new IllegalStateException("an ELF error without a message", expected);
            }
        }
    }
}
