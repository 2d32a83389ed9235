package io.github.scratchpack.nativeimage;

/** Where a GraalVM was found, in the order they are tried. */
public enum GraalVmSource {
    /** The {@code jdk} toolchain chosen by maven-toolchains-plugin, when it has {@code bin/native-image}. */
    TOOLCHAIN("the Maven toolchain"),
    /** The plugin's {@code graalvmHome} parameter. */
    GRAALVM_HOME_PARAMETER("graalvmHome (scratchpack.graalvmHome)"),
    /** The {@code GRAALVM_HOME} environment variable. */
    GRAALVM_HOME("GRAALVM_HOME"),
    /** The {@code JAVA_HOME} environment variable, when that JDK is a GraalVM. */
    JAVA_HOME("JAVA_HOME"),
    /** {@code native-image} on {@code PATH}. */
    PATH("native-image on PATH");

    private final String description;

    GraalVmSource(String description) {
        this.description = description;
    }

    /** How the source is named in log lines and messages. */
    public String description() {
        return description;
    }
}
