package io.github.scratchpack.nativeimage;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.io.TempDir;

/**
 * What the container build tests share: the stand-in builder image, built with podman once per test class and
 * removed after it, and per test a project whose build directory holds the application jar and a classes directory,
 * with a library in a repository outside it.
 */
abstract class ContainerBuildFixture {
    static String image;
    /** The directory the image was built from, which also holds files to copy it elsewhere. */
    static Path imageContext;

    @TempDir
    Path directory;

    Path target;
    Path appJar;
    Path classes;
    Path dependency;
    /** The build's log lines; the container's output arrives on another thread. */
    final List<String> log = Collections.synchronizedList(new ArrayList<>());

    @BeforeAll
    static void buildImage(@TempDir Path context) throws Exception {
        imageContext = context;
        image = StandInBuilderImage.build(context);
    }

    @AfterAll
    static void removeImage() throws Exception {
        if (image != null) {
            StandInBuilderImage.remove(image);
            image = null;
        }
    }

    @BeforeEach
    void createProject() throws Exception {
        target = Files.createDirectories(directory.resolve("project/target"));
        appJar = Files.writeString(target.resolve("app-1.0.jar"), "the application");
        classes = Files.createDirectories(target.resolve("classes"));
        Files.writeString(Files.createDirectories(classes.resolve("com/example")).resolve("Main.class"), "a class");
        dependency = Files.writeString(Files.createDirectories(directory.resolve("repository")).resolve("lib-2.0.jar"), "a library");
    }
}
