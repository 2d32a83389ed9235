package io.github.scratchpack.reference;

import io.github.scratchpack.reference.PluginDescriptor.Goal;
import io.github.scratchpack.reference.PluginDescriptor.Parameter;

/** The plugin's parameter reference as one Markdown page, rendered from the descriptor for the reports. */
final class ReferencePage {
    /** The command that rewrites the committed page. */
    static final String UPDATE_COMMAND =
            "mvn -B -o test-compile surefire:test -Dtest=ReferencePageTest -Dscratchpack.reference.update=true";

    private ReferencePage() {}

    static String render(PluginDescriptor plugin) {
        StringBuilder page = new StringBuilder();
        page.append("# ").append(plugin.artifactId()).append(" reference\n\n")
                .append("<!-- Generated from the plugin descriptor, that is from the Mojos' Javadoc; do not edit.\n")
                .append("     After changing a goal or parameter, run: ").append(UPDATE_COMMAND).append(" -->\n\n")
                .append("Goal prefix `").append(plugin.goalPrefix()).append("`. Requires Maven ")
                .append(plugin.requiredMavenVersion()).append(" or newer and Java ").append(plugin.requiredJavaVersion())
                .append(" or newer. The same text is what `mvn ").append(plugin.goalPrefix())
                .append(":help -Ddetail -Dgoal=<goal>` and `mvn help:describe -Dplugin=").append(plugin.groupId())
                .append(':').append(plugin.artifactId())
                .append(" -Ddetail` print.\n\n");
        for (Goal goal : plugin.goals()) {
            page.append("- [`").append(plugin.goalPrefix()).append(':').append(goal.name()).append("`](#")
                    .append(plugin.goalPrefix()).append(goal.name()).append(")\n");
        }
        for (Goal goal : plugin.goals()) {
            page.append("\n## ").append(plugin.goalPrefix()).append(':').append(goal.name()).append("\n\n")
                    .append(JavadocMarkdown.of(goal.description())).append("\n\n");
            if (goal.phase() != null) {
                page.append("Bound by default to the `").append(goal.phase()).append("` phase. ");
            }
            page.append(goal.threadSafe() ? "Thread-safe." : "Not thread-safe.").append('\n');
            for (Parameter parameter : goal.parameters()) {
                page.append("\n### ").append(goal.name()).append(": ").append(parameter.name()).append("\n\n")
                        .append("- Type: `").append(parameter.type()).append("`\n");
                if (parameter.property() != null) {
                    page.append("- User property: `").append(parameter.property()).append("`\n");
                }
                if (parameter.defaultValue() != null) {
                    page.append("- Default: `").append(parameter.defaultValue()).append("`\n");
                }
                if (parameter.required()) {
                    page.append("- Required\n");
                }
                if (parameter.deprecated() != null) {
                    page.append("- **Deprecated.** ").append(JavadocMarkdown.of(parameter.deprecated())).append('\n');
                }
                page.append('\n').append(JavadocMarkdown.of(parameter.description())).append('\n');
            }
        }
        return page.toString();
    }
}
