package io.github.scratchpack.reference;

import io.github.scratchpack.reference.PluginDescriptor.Goal;
import io.github.scratchpack.reference.PluginDescriptor.Parameter;
import java.io.File;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.io.StringReader;
import java.lang.reflect.Field;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import javax.xml.parsers.DocumentBuilderFactory;
import org.apache.maven.artifact.DefaultArtifact;
import org.apache.maven.artifact.handler.DefaultArtifactHandler;
import org.apache.maven.model.Model;
import org.apache.maven.model.io.xpp3.MavenXpp3Reader;
import org.apache.maven.plugin.Mojo;
import org.apache.maven.plugin.testing.AbstractMojoTestCase;
import org.apache.maven.project.MavenProject;
import org.w3c.dom.Document;
import org.w3c.dom.Element;
import org.w3c.dom.Node;
import org.xml.sax.InputSource;

/**
 * Checks every POM snippet of README.md and the guides under docs/. A POM snippet ({@code <plugin>},
 * {@code <execution>}, {@code <configuration>}...) must be marked on the line before its fence, and may name only
 * goals and parameters that plugin.xml has. Marked {@value GuidePages#CHECKED_MARKER}, it must be found in a project
 * that the build runs (examples/, or an invoker IT under it/), every element of the snippet in the same place there.
 * Marked {@value GuidePages#CONFIGURED_MARKER}, Maven's own configurator gives its configuration to each goal it is
 * for, as Maven does, and every parameter it sets must arrive in a goal.
 */
public class GuideSnippetTest extends AbstractMojoTestCase {
    private static final Set<String> POM_ROOTS = Set.of("project", "build", "plugins", "plugin", "executions",
            "execution", "goals", "configuration");
    private static final Set<String> PLUGIN_IDS = Set.of("scratchpack-maven-plugin", "@project.artifactId@");
    private static final Path PLUGIN_XML = Path.of("target/classes/META-INF/maven/plugin.xml");
    private static final Pattern PROPERTY = Pattern.compile("-D(scratchpack\\.[A-Za-z0-9.-]*[A-Za-z0-9])");

    public void testEveryPomSnippetIsMarkedAsChecked() throws Exception {
        List<String> unmarked = new ArrayList<>();
        for (GuidePages.Snippet snippet : snippets()) {
            if (!snippet.checked() && POM_ROOTS.contains(parse(snippet).getTagName())) {
                unmarked.add(snippet.toString());
            }
        }
        assertEquals("POM snippets without " + GuidePages.CHECKED_MARKER + " before their fence", List.of(), unmarked);
    }

    public void testCheckedSnippetsNameOnlyGoalsAndParametersOfPluginXml() throws Exception {
        PluginDescriptor plugin = PluginDescriptor.read(PLUGIN_XML);
        List<String> wrong = new ArrayList<>();
        for (GuidePages.Snippet snippet : checked()) {
            Element root = parse(snippet);
            Set<String> goals = goals(root);
            for (String goal : goals) {
                if (goal(plugin, goal) == null) {
                    wrong.add(snippet + ": no goal " + goal + " in plugin.xml");
                }
            }
            for (Element configuration : configurations(root)) {
                for (Element parameter : children(configuration)) {
                    if (!isParameter(plugin, goals, parameter.getTagName())) {
                        wrong.add(snippet + ": <" + parameter.getTagName() + "> is no parameter of "
                                + (goals.isEmpty() ? "any goal" : "the goals " + goals) + " in plugin.xml");
                    }
                }
            }
        }
        assertEquals(List.of(), wrong);
    }

    /**
     * A {@code -Dscratchpack...} property in README.md or a guide is a parameter's user property in plugin.xml, or
     * one that the plugin or its own build reads by name (a string in the sources, or in pom.xml).
     */
    public void testEveryScratchpackPropertyInThePagesExists() throws Exception {
        Set<String> known = new TreeSet<>();
        PluginDescriptor.read(PLUGIN_XML).goals().forEach(goal -> goal.parameters().stream()
                .map(Parameter::property).filter(property -> property != null).forEach(known::add));
        String build = Files.readString(Path.of("pom.xml"), StandardCharsets.UTF_8);
        List<String> unknown = new ArrayList<>();
        for (Path page : GuidePages.pages()) {
            List<String> lines = GuidePages.lines(page);
            for (int i = 0; i < lines.size(); i++) {
                Matcher property = PROPERTY.matcher(lines.get(i));
                while (property.find()) {
                    String name = property.group(1);
                    if (!known.contains(name) && !build.contains(name) && !namedInSources(name)) {
                        unknown.add(page + ":" + (i + 1) + ": -D" + name);
                    }
                }
            }
        }
        assertEquals("properties that neither plugin.xml nor scratchpack's build knows", List.of(), unknown);
    }

    private static boolean namedInSources(String property) throws IOException {
        try (Stream<Path> files = Files.walk(Path.of("src"))) {
            return files.filter(file -> file.toString().endsWith(".java")).anyMatch(file -> {
                try {
                    return Files.readString(file, StandardCharsets.UTF_8).contains("\"" + property + "\"");
                } catch (IOException e) {
                    throw new UncheckedIOException(e);
                }
            });
        }
    }

    public void testCheckedSnippetsAreInAProjectThatRunsOrConfigureTheirGoals() throws Exception {
        PluginDescriptor plugin = PluginDescriptor.read(PLUGIN_XML);
        List<Element> runs = scratchpackPlugins();
        assertFalse("no scratchpack plugin found in examples/ or it/", runs.isEmpty());
        List<String> unchecked = new ArrayList<>();
        for (GuidePages.Snippet snippet : checked()) {
            Element root = parse(snippet);
            if (!snippet.configured()) {
                if (runs.stream().noneMatch(candidate -> holds(candidate, root))) {
                    unchecked.add(snippet + ": found in no project under examples/ or it/");
                }
                continue;
            }
            List<Element> configurations = configurations(root);
            if (configurations.isEmpty()) {
                unchecked.add(snippet + ": has no <configuration> for the test to configure goals with");
            }
            for (Element configuration : configurations) {
                unchecked.addAll(configure(snippet, plugin, goals(root), configuration));
            }
        }
        assertEquals(List.of(), unchecked);
    }

    /**
     * Configures each goal that has one of the snippet's parameters from a POM holding the snippet's configuration,
     * and returns what did not arrive.
     */
    private List<String> configure(GuidePages.Snippet snippet, PluginDescriptor plugin, Set<String> snippetGoals,
                                   Element configuration) throws Exception {
        List<String> problems = new ArrayList<>();
        Set<String> parameters = children(configuration).stream().map(Element::getTagName)
                .collect(Collectors.toCollection(TreeSet::new));
        Set<String> arrived = new TreeSet<>();
        for (Goal goal : plugin.goals()) {
            List<String> own = goal.parameters().stream().map(Parameter::name).filter(parameters::contains).toList();
            if (own.isEmpty() || !snippetGoals.isEmpty() && !snippetGoals.contains(goal.name())) {
                continue;
            }
            Mojo mojo;
            try {
                mojo = lookupConfiguredMojo(project(configuration, own), goal.name());
            } catch (Exception e) {
                problems.add(snippet + ": Maven cannot configure " + goal.name() + " with it: " + e.getMessage());
                arrived.addAll(own);
                continue;
            }
            for (String parameter : own) {
                Object value = field(mojo, parameter);
                if (value == null || value instanceof Collection<?> list && list.isEmpty()
                        || value instanceof Map<?, ?> map && map.isEmpty()) {
                    problems.add(snippet + ": <" + parameter + "> did not reach " + goal.name());
                }
                arrived.add(parameter);
            }
        }
        parameters.removeAll(arrived);
        parameters.forEach(parameter -> problems.add(snippet + ": <" + parameter + "> reached no goal"));
        return problems;
    }

    /** A project whose scratchpack plugin has the snippet's values of the given parameters: what Maven gives a goal. */
    private MavenProject project(Element configuration, List<String> parameters) throws Exception {
        Path directory = Files.createTempDirectory("guide-snippet");
        try {
            String pom = "<project><modelVersion>4.0.0</modelVersion><groupId>snippet</groupId>"
                    + "<artifactId>snippet</artifactId><version>1</version><build><plugins><plugin>"
                    + "<groupId>io.github.scratchpack</groupId><artifactId>scratchpack-maven-plugin</artifactId>"
                    + "<configuration>" + children(configuration).stream()
                            .filter(parameter -> parameters.contains(parameter.getTagName()))
                            .map(GuideSnippetTest::serialize).collect(Collectors.joining())
                    + "</configuration></plugin></plugins></build></project>";
            Model model = new MavenXpp3Reader().read(new StringReader(pom));
            model.getBuild().setDirectory(directory.resolve("target").toString());
            MavenProject project = new MavenProject(model);
            project.setFile(new File(directory.toFile(), "pom.xml"));
            project.setArtifact(new DefaultArtifact("snippet", "snippet", "1", "compile", "pom", null,
                    new DefaultArtifactHandler("pom")));
            return project;
        } finally {
            Files.deleteIfExists(directory);
        }
    }

    /** Whether the candidate, or an element inside it, has every element of the snippet in the same place. */
    private static boolean holds(Element candidate, Element snippet) {
        if (candidate.getTagName().equals(snippet.getTagName()) && contains(candidate, snippet)) {
            return true;
        }
        return children(candidate).stream().anyMatch(child -> holds(child, snippet));
    }

    private static boolean contains(Element candidate, Element snippet) {
        List<Element> wanted = children(snippet);
        if (wanted.isEmpty()) {
            return !snippet.getTagName().equals("goal")
                    || candidate.getTextContent().strip().equals(snippet.getTextContent().strip());
        }
        for (Element child : wanted) {
            if (children(candidate).stream().noneMatch(have -> have.getTagName().equals(child.getTagName())
                    && contains(have, child))) {
                return false;
            }
        }
        return true;
    }

    /** The scratchpack {@code <plugin>} elements of every POM under examples/ and it/. */
    private static List<Element> scratchpackPlugins() throws Exception {
        List<Element> plugins = new ArrayList<>();
        for (String top : List.of("examples", "it")) {
            List<Path> poms;
            try (Stream<Path> files = Files.walk(Path.of(top))) {
                poms = files.filter(file -> file.getFileName().toString().equals("pom.xml"))
                        .filter(file -> !file.toString().contains("/target/")).sorted(Comparator.naturalOrder())
                        .toList();
            }
            for (Path pom : poms) {
                collectPlugins(parse(Files.readString(pom, StandardCharsets.UTF_8)).getDocumentElement(), plugins);
            }
        }
        return plugins;
    }

    private static void collectPlugins(Element element, List<Element> plugins) {
        if (element.getTagName().equals("plugin") && children(element).stream()
                .anyMatch(child -> child.getTagName().equals("artifactId")
                        && PLUGIN_IDS.contains(child.getTextContent().strip()))) {
            plugins.add(element);
            return;
        }
        children(element).forEach(child -> collectPlugins(child, plugins));
    }

    private static List<GuidePages.Snippet> snippets() {
        return GuidePages.pages().stream().flatMap(page -> GuidePages.xmlSnippets(page).stream()).toList();
    }

    private static List<GuidePages.Snippet> checked() {
        List<GuidePages.Snippet> checked = snippets().stream().filter(GuidePages.Snippet::checked).toList();
        assertFalse("no snippet is marked " + GuidePages.CHECKED_MARKER, checked.isEmpty());
        return checked;
    }

    private static Set<String> goals(Element root) {
        Set<String> goals = new TreeSet<>();
        collect(root, "goal", goals);
        return goals;
    }

    private static void collect(Element element, String tag, Set<String> texts) {
        if (element.getTagName().equals(tag)) {
            texts.add(element.getTextContent().strip());
        }
        children(element).forEach(child -> collect(child, tag, texts));
    }

    /** The plugin-level and execution-level {@code <configuration>} elements of a snippet. */
    private static List<Element> configurations(Element root) {
        List<Element> found = new ArrayList<>();
        if (root.getTagName().equals("configuration")) {
            found.add(root);
            return found;
        }
        for (Element child : children(root)) {
            found.addAll(configurations(child));
        }
        return found;
    }

    private static Goal goal(PluginDescriptor plugin, String name) {
        return plugin.goals().stream().filter(goal -> goal.name().equals(name)).findFirst().orElse(null);
    }

    private static boolean isParameter(PluginDescriptor plugin, Set<String> goals, String name) {
        return plugin.goals().stream().filter(goal -> goals.isEmpty() || goals.contains(goal.name()))
                .anyMatch(goal -> goal.parameters().stream().anyMatch(parameter -> parameter.name().equals(name)));
    }

    private static Object field(Mojo mojo, String name) throws IllegalAccessException {
        for (Class<?> type = mojo.getClass(); type != null; type = type.getSuperclass()) {
            try {
                Field field = type.getDeclaredField(name);
                field.setAccessible(true);
                return field.get(mojo);
            } catch (NoSuchFieldException e) {
                continue;
            }
        }
        throw new IllegalStateException(mojo.getClass() + " has no field for the parameter " + name);
    }

    private static Element parse(GuidePages.Snippet snippet) {
        try {
            return parse(snippet.xml()).getDocumentElement();
        } catch (Exception e) {
            throw new AssertionError(snippet + " is not well-formed XML: " + e.getMessage(), e);
        }
    }

    private static Document parse(String xml) throws Exception {
        DocumentBuilderFactory factory = DocumentBuilderFactory.newInstance();
        factory.setFeature("http://apache.org/xml/features/disallow-doctype-decl", true);
        factory.setIgnoringComments(true);
        return factory.newDocumentBuilder().parse(new InputSource(new StringReader(xml)));
    }

    private static List<Element> children(Element parent) {
        List<Element> children = new ArrayList<>();
        for (Node node = parent.getFirstChild(); node != null; node = node.getNextSibling()) {
            if (node instanceof Element element) {
                children.add(element);
            }
        }
        return children;
    }

    private static String serialize(Element element) {
        StringBuilder xml = new StringBuilder("<").append(element.getTagName()).append('>');
        for (Node node = element.getFirstChild(); node != null; node = node.getNextSibling()) {
            if (node instanceof Element child) {
                xml.append(serialize(child));
            } else if (node.getNodeType() == Node.TEXT_NODE) {
                xml.append(node.getTextContent().replace("&", "&amp;").replace("<", "&lt;"));
            }
        }
        return xml.append("</").append(element.getTagName()).append('>').toString();
    }
}
