package io.github.scratchpack.testing;

import java.util.ArrayList;
import java.util.List;
import org.apache.maven.plugin.logging.SystemStreamLog;

/** A Maven log that also keeps each info and warning line, prefixed with its level, for tests to check. */
public final class RecordingLog extends SystemStreamLog {
    public final List<String> lines = new ArrayList<>();

    @Override
    public void info(CharSequence content) {
        lines.add("[INFO] " + content);
        super.info(content);
    }

    @Override
    public void warn(CharSequence content) {
        lines.add("[WARNING] " + content);
        super.warn(content);
    }
}
