package io.github.scratchpack.maven;

import java.util.ArrayList;
import java.util.List;
import org.apache.maven.plugins.annotations.Parameter;

/** The parameters of the goals that name the image: the reference and its further tags. */
public abstract class AbstractImageReferenceMojo extends AbstractTarballMojo {
    /**
     * The image reference, such as <code>app:1.0</code> or <code>ghcr.io/acme/app:1.0</code>: the name the tarball carries,
     * and where push sends the image.
     */
    @Parameter(property = "scratchpack.image", defaultValue = "${project.artifactId}:${project.version}")
    protected String image;

    /** More tags for the same repository, comma-separated on the command line, such as <code>latest,1</code>. */
    @Parameter(property = "scratchpack.tags")
    protected List<String> tags;

    /** The further tags, trimmed, without blank or empty (<code>&lt;tag/&gt;</code>) entries. */
    protected List<String> moreTags() {
        List<String> result = new ArrayList<>();
        for (String tag : tags == null ? List.<String>of() : tags) {
            if (tag != null && !tag.isBlank()) {
                result.add(tag.trim());
            }
        }
        return result;
    }
}
