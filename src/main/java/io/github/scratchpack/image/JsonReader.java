package io.github.scratchpack.image;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;

/**
 * Reads the small JSON documents that scratchpack writes and reads back itself ({@code image.json}, the tarball's
 * index and manifest, the record of an executable's contents) into maps, lists, strings, {@code Long}s,
 * {@code Double}s, booleans and {@code null}. Objects keep their keys' order, so that {@link Json} writes a document
 * it read back to the same bytes. It exists so that the goals that only read these documents, an unchanged
 * {@code mvn package} and the push's preparations, need not load Jackson's databind (about 400 classes in a fresh
 * Maven JVM).
 */
public final class JsonReader {
    private static final Pattern INTEGER = Pattern.compile("-?(0|[1-9][0-9]*)");
    private static final Pattern DECIMAL = Pattern.compile("-?(0|[1-9][0-9]*)(\\.[0-9]+)?([eE][+-]?[0-9]+)?");

    private final String text;
    private int position;

    private JsonReader(String text) {
        this.text = text;
    }

    /**
     * Parses a UTF-8 JSON document.
     *
     * @param json the document
     * @return its value
     * @throws IOException when it is not JSON; the message says where
     */
    public static Object parse(byte[] json) throws IOException {
        JsonReader reader = new JsonReader(new String(json, StandardCharsets.UTF_8));
        Object value = reader.value();
        reader.skipWhitespace();
        if (reader.position != reader.text.length()) {
            throw reader.error("more after the document's end");
        }
        return value;
    }

    /**
     * Parses a UTF-8 JSON document that must be an object.
     *
     * @param json the document
     * @return its members, in the document's order
     * @throws IOException when it is not a JSON object
     */
    @SuppressWarnings("unchecked")
    public static Map<String, Object> object(byte[] json) throws IOException {
        Object value = parse(json);
        if (!(value instanceof Map)) {
            throw new IOException("The JSON document is not an object");
        }
        return (Map<String, Object>) value;
    }

    private Object value() throws IOException {
        skipWhitespace();
        if (position >= text.length()) {
            throw error("a value was expected");
        }
        char c = text.charAt(position);
        return switch (c) {
            case '{' -> object();
            case '[' -> array();
            case '"' -> string();
            case 't' -> literal("true", Boolean.TRUE);
            case 'f' -> literal("false", Boolean.FALSE);
            case 'n' -> literal("null", null);
            default -> number();
        };
    }

    private Map<String, Object> object() throws IOException {
        Map<String, Object> members = new LinkedHashMap<>();
        position++;
        skipWhitespace();
        if (peek('}')) {
            position++;
            return members;
        }
        while (true) {
            skipWhitespace();
            if (!peek('"')) {
                throw error("a member name was expected");
            }
            String name = string();
            skipWhitespace();
            expect(':');
            members.put(name, value());
            skipWhitespace();
            if (peek(',')) {
                position++;
            } else {
                expect('}');
                return members;
            }
        }
    }

    private List<Object> array() throws IOException {
        List<Object> elements = new ArrayList<>();
        position++;
        skipWhitespace();
        if (peek(']')) {
            position++;
            return elements;
        }
        while (true) {
            elements.add(value());
            skipWhitespace();
            if (peek(',')) {
                position++;
            } else {
                expect(']');
                return elements;
            }
        }
    }

    private String string() throws IOException {
        position++;
        StringBuilder out = new StringBuilder();
        while (position < text.length()) {
            char c = text.charAt(position++);
            if (c == '"') {
                return out.toString();
            }
            if (c != '\\') {
                out.append(c);
                continue;
            }
            if (position >= text.length()) {
                break;
            }
            char escaped = text.charAt(position++);
            switch (escaped) {
                case '"', '\\', '/' -> out.append(escaped);
                case 'b' -> out.append('\b');
                case 'f' -> out.append('\f');
                case 'n' -> out.append('\n');
                case 'r' -> out.append('\r');
                case 't' -> out.append('\t');
                case 'u' -> {
                    if (position + 4 > text.length()) {
                        throw error("a \\u escape is cut short");
                    }
                    try {
                        out.append((char) Integer.parseInt(text.substring(position, position + 4), 16));
                    } catch (NumberFormatException e) {
                        throw error("a \\u escape is not hexadecimal");
                    }
                    position += 4;
                }
                default -> throw error("the escape \\" + escaped + " is unknown");
            }
        }
        throw error("a string is not closed");
    }

    private Object number() throws IOException {
        int start = position;
        while (position < text.length() && "+-0123456789.eE".indexOf(text.charAt(position)) >= 0) {
            position++;
        }
        String number = text.substring(start, position);
        try {
            if (INTEGER.matcher(number).matches()) {
                return Long.parseLong(number);
            }
            if (DECIMAL.matcher(number).matches()) {
                return Double.parseDouble(number);
            }
        } catch (NumberFormatException e) {
            throw error("the number " + number + " is out of range");
        }
        position = start;
        throw error("a value was expected");
    }

    private Object literal(String word, Object value) throws IOException {
        if (!text.startsWith(word, position)) {
            throw error("a value was expected");
        }
        position += word.length();
        return value;
    }

    private boolean peek(char c) {
        return position < text.length() && text.charAt(position) == c;
    }

    private void expect(char c) throws IOException {
        if (!peek(c)) {
            throw error("'" + c + "' was expected");
        }
        position++;
    }

    private void skipWhitespace() {
        while (position < text.length() && " \t\r\n".indexOf(text.charAt(position)) >= 0) {
            position++;
        }
    }

    private IOException error(String what) {
        return new IOException("Not valid JSON at character " + position + ": " + what);
    }
}
