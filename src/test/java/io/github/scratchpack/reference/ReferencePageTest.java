package io.github.scratchpack.reference;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.github.scratchpack.reference.PluginDescriptor.Goal;
import io.github.scratchpack.reference.PluginDescriptor.Parameter;
import io.github.scratchpack.scratchpack_maven_plugin.HelpMojo;
import io.github.scratchpack.testing.RecordingLog;
import java.lang.reflect.Field;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * Keeps docs/reference.md, the <code>help</code> goal and <code>plugin.xml</code> (which <code>help:describe</code>
 * reads) saying the same, all from the Mojos' Javadoc. The IT <code>it/reference-describe</code> checks
 * <code>help:describe</code> and the <code>help</code> goal as Maven runs them.
 */
class ReferencePageTest {
    private static final Path PAGE = Path.of("docs/reference.md");
    private static final Path PLUGIN_XML = Path.of("target/classes/META-INF/maven/plugin.xml");
    private static final Path ENHANCED_XML = Path.of("target/plugin-enhanced.xml");

    @Test
    void committedPageIsTheOneTheJavadocGives() throws Exception {
        String page = ReferencePage.render(PluginDescriptor.read(ENHANCED_XML));
        if (Boolean.getBoolean("scratchpack.reference.update")) {
            Files.createDirectories(PAGE.getParent());
            Files.writeString(PAGE, page, StandardCharsets.UTF_8);
        }
        String committed = Files.isRegularFile(PAGE) ? Files.readString(PAGE, StandardCharsets.UTF_8) : "";
        assertEquals(page, committed,
                PAGE + " no longer matches the Mojos' Javadoc; run " + ReferencePage.UPDATE_COMMAND + " to update it");
    }

    @Test
    void pageSaysWordForWordWhatPluginXmlSays() throws Exception {
        List<Parameter> plain = parameters(PluginDescriptor.read(PLUGIN_XML));
        List<Parameter> rendered = parameters(PluginDescriptor.read(ENHANCED_XML));
        assertEquals(plain.size(), rendered.size());
        assertFalse(plain.isEmpty());
        for (int i = 0; i < plain.size(); i++) {
            Parameter expected = plain.get(i);
            Parameter actual = rendered.get(i);
            assertEquals(expected.name(), actual.name());
            assertEquals(words(expected.description()), JavadocMarkdown.plainText(JavadocMarkdown.of(actual.description())),
                    expected.name());
            assertEquals(expected.property(), actual.property(), expected.name());
            assertEquals(expected.defaultValue(), actual.defaultValue(), expected.name());
        }
    }

    @Test
    void helpGoalShowsEveryParameterWithItsDescriptionFromPluginXml() throws Exception {
        HelpMojo help = new HelpMojo();
        set(help, "detail", true);
        set(help, "lineLength", 100_000);
        set(help, "indentSize", 2);
        RecordingLog log = new RecordingLog();
        help.setLog(log);
        help.execute();
        String shown = words(String.join(" ", log.lines));
        PluginDescriptor plugin = PluginDescriptor.read(PLUGIN_XML);
        for (Goal goal : plugin.goals()) {
            assertTrue(shown.contains("scratchpack:" + goal.name() + " " + words(goal.description())), goal.name());
            for (Parameter parameter : goal.parameters()) {
                String entry = parameter.name()
                        + (parameter.defaultValue() == null ? "" : " (Default: " + parameter.defaultValue() + ")")
                        + (parameter.deprecated() == null ? "" : " Deprecated. " + words(parameter.deprecated()))
                        + " " + words(parameter.description());
                assertTrue(shown.contains(entry), goal.name() + ": " + entry);
                if (parameter.property() != null) {
                    assertTrue(shown.contains("User property: " + parameter.property()), parameter.property());
                }
            }
        }
    }

    @Test
    void noDescriptionHoldsAnglebracketsThatHelpDescribeWouldDrop() throws Exception {
        // help:describe reads plugin.xml's text as HTML: "scratchpack.<goal>.skip" would show as "scratchpack..skip"
        for (Goal goal : PluginDescriptor.read(PLUGIN_XML).goals()) {
            if (goal.name().equals("help")) {
                continue; // maven-plugin-plugin writes that goal
            }
            assertFalse(goal.description().contains("<"), goal.name());
            for (Parameter parameter : goal.parameters()) {
                assertFalse(parameter.description().contains("<"), goal.name() + " " + parameter.name()
                        + ": help:describe drops text in angle brackets; write it without them (Javadoc &lt;...&gt;)");
            }
        }
    }

    @Test
    void everyGoalHasItsOwnSkipPropertyNamedAfterIt() throws Exception {
        for (Goal goal : PluginDescriptor.read(PLUGIN_XML).goals()) {
            if (goal.name().equals("help")) {
                continue;
            }
            List<String> properties = goal.parameters().stream().map(Parameter::property).toList();
            assertTrue(properties.contains("scratchpack." + goal.name() + ".skip"), goal.name() + ": " + properties);
            assertTrue(properties.contains("scratchpack.skip"), goal.name() + ": " + properties);
        }
    }

    private static List<Parameter> parameters(PluginDescriptor plugin) {
        List<Parameter> all = new ArrayList<>();
        plugin.goals().forEach(goal -> all.addAll(goal.parameters()));
        return all;
    }

    private static String words(String text) {
        return text.replaceAll("\\s+", " ").strip();
    }

    private static void set(HelpMojo help, String field, Object value) throws ReflectiveOperationException {
        Field declared = HelpMojo.class.getDeclaredField(field);
        declared.setAccessible(true);
        declared.set(help, value);
    }
}
