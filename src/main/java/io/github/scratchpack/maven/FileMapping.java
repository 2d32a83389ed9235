package io.github.scratchpack.maven;

import java.io.File;

/** One file copied from the project into the image, as configured by <code>&lt;files&gt;&lt;file&gt;...&lt;/file&gt;&lt;/files&gt;</code>. */
public class FileMapping {
    /** The file on the build machine; relative paths start at the project's base directory. A symbolic link is followed. */
    private File source;

    /** The absolute path in the image, such as <code>/etc/app/app.toml</code>; a trailing <code>/</code> keeps the source's name. */
    private String target;

    /** The permission bits in octal, such as <code>644</code> (the default) or <code>755</code>. The owner is always root. */
    private String mode;

    public File getSource() {
        return source;
    }

    public void setSource(File source) {
        this.source = source;
    }

    public String getTarget() {
        return target;
    }

    public void setTarget(String target) {
        this.target = target;
    }

    public String getMode() {
        return mode;
    }

    public void setMode(String mode) {
        this.mode = mode;
    }
}
