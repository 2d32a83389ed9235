package io.github.scratchpack.image;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** The JSON reader: what scratchpack writes comes back as it was, in order, and broken documents are refused. */
class JsonReaderTest {

    @Test
    void whatJsonWritesReadsBackToTheSameBytes() throws Exception {
        Map<String, Object> document = new LinkedHashMap<>();
        document.put("z first", "quotes \" backslash \\ newline \n tab \t <tag> & \u2028 é 🙂");
        document.put("size", 23_384_576L);
        document.put("negative", -1L);
        document.put("pushed", false);
        document.put("none", null);
        document.put("list", List.of(1L, "two", List.of(), Map.of()));
        byte[] written = Json.bytes(document);

        Map<String, Object> read = JsonReader.object(written);

        assertEquals(document, read);
        assertEquals(List.of("z first", "size", "negative", "pushed", "none", "list"), List.copyOf(read.keySet()));
        assertArrayEquals(written, Json.bytes(read));
    }

    @Test
    void whitespaceEscapesAndNumbersAsOtherWritersWriteThem() throws Exception {
        Object read = JsonReader.parse(("{ \"a\" : [ 1.5 , -2e3, 0 ] ,\n\t\"b\":\"\\u00e9\\/\" }")
                .getBytes(StandardCharsets.UTF_8));
        assertEquals(Map.of("a", List.of(1.5, -2000.0, 0L), "b", "é/"), read);
    }

    @Test
    void brokenDocumentsAreRefusedWithWhere() {
        for (String broken : Arrays.asList("", "{", "{\"a\":}", "{\"a\" 1}", "[1,]", "\"open", "tru", "01", "{} x",
                "{\"a\":\"\\x\"}", "[1 2]")) {
            IOException failure = assertThrows(IOException.class,
                    () -> JsonReader.parse(broken.getBytes(StandardCharsets.UTF_8)), broken);
            assertTrue(failure.getMessage().startsWith("Not valid JSON at character "), failure.getMessage());
        }
        assertThrows(IOException.class, () -> JsonReader.object("[]".getBytes(StandardCharsets.UTF_8)));
    }
}
