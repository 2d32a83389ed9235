package io.github.scratchpack.reference;

import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import javax.xml.parsers.DocumentBuilderFactory;
import javax.xml.parsers.ParserConfigurationException;
import org.w3c.dom.Element;
import org.w3c.dom.Node;
import org.xml.sax.SAXException;

/**
 * The goals and user-settable parameters of a plugin descriptor, as maven-plugin-plugin writes it: the
 * <code>plugin.xml</code> that Maven, the <code>help</code> goal and <code>help:describe</code> read (descriptions in plain
 * text), or <code>plugin-enhanced.xml</code> for the reports (descriptions in the Javadoc's HTML).
 */
record PluginDescriptor(String groupId, String artifactId, String goalPrefix, String requiredMavenVersion,
        String requiredJavaVersion, List<Goal> goals) {

    /** A goal: its name, description, default phase (or null) and the parameters a user may set. */
    record Goal(String name, String description, String phase, boolean threadSafe, List<Parameter> parameters) {}

    /**
     * A parameter: its Java type, the user property that sets it (or null), its default (or null), whether it is
     * required, its description, and why it is deprecated (or null).
     */
    record Parameter(String name, String type, String property, String defaultValue, boolean required,
            String description, String deprecated) {}

    static PluginDescriptor read(Path file) throws IOException {
        Element plugin;
        try {
            DocumentBuilderFactory factory = DocumentBuilderFactory.newInstance();
            factory.setFeature("http://apache.org/xml/features/disallow-doctype-decl", true);
            plugin = factory.newDocumentBuilder().parse(file.toFile()).getDocumentElement();
        } catch (ParserConfigurationException | SAXException e) {
            throw new IOException(file + " is not a plugin descriptor: " + e.getMessage(), e);
        }
        List<Goal> goals = new ArrayList<>();
        for (Element mojo : children(child(plugin, "mojos"), "mojo")) {
            Element configuration = child(mojo, "configuration");
            List<Parameter> parameters = new ArrayList<>();
            for (Element parameter : children(child(mojo, "parameters"), "parameter")) {
                if (!"true".equals(text(parameter, "editable"))) {
                    continue;
                }
                String name = text(parameter, "name");
                Element value = configuration == null ? null : child(configuration, name);
                String expression = value == null ? null : value.getTextContent().trim();
                String property = expression != null && expression.startsWith("${") && expression.endsWith("}")
                        ? expression.substring(2, expression.length() - 1) : null;
                String defaultValue = value == null || !value.hasAttribute("default-value") ? null
                        : value.getAttribute("default-value");
                parameters.add(new Parameter(name, text(parameter, "type"), property, defaultValue,
                        "true".equals(text(parameter, "required")), text(parameter, "description"),
                        text(parameter, "deprecated")));
            }
            goals.add(new Goal(text(mojo, "goal"), text(mojo, "description"), text(mojo, "phase"),
                    "true".equals(text(mojo, "threadSafe")), parameters));
        }
        return new PluginDescriptor(text(plugin, "groupId"), text(plugin, "artifactId"), text(plugin, "goalPrefix"),
                text(plugin, "requiredMavenVersion"), text(plugin, "requiredJavaVersion"), goals);
    }

    private static Element child(Element parent, String name) {
        List<Element> found = children(parent, name);
        return found.isEmpty() ? null : found.get(0);
    }

    private static List<Element> children(Element parent, String name) {
        List<Element> result = new ArrayList<>();
        if (parent != null) {
            for (Node node = parent.getFirstChild(); node != null; node = node.getNextSibling()) {
                if (node instanceof Element element && element.getTagName().equals(name)) {
                    result.add(element);
                }
            }
        }
        return result;
    }

    private static String text(Element parent, String name) {
        Element element = child(parent, name);
        return element == null ? null : element.getTextContent();
    }
}
