package io.github.scratchpack.image;

import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/** Writes the OCI image config and manifest JSON of a spec and its layers. */
public final class ImageDocuments {
    /** Media type of an OCI image manifest. */
    public static final String MANIFEST_MEDIA_TYPE = "application/vnd.oci.image.manifest.v1+json";
    /** Media type of an OCI image config. */
    public static final String CONFIG_MEDIA_TYPE = "application/vnd.oci.image.config.v1+json";

    private ImageDocuments() {
    }

    /** The image config: platform, run settings, layer diffIDs and one history entry per layer. */
    public static byte[] config(ImageSpec spec, List<Layer> layers) {
        String created = created(spec);
        Map<String, Object> run = new LinkedHashMap<>();
        run.put("User", spec.user());
        if (!spec.ports().isEmpty()) {
            Map<String, Object> exposed = new TreeMap<>();
            spec.ports().forEach(port -> exposed.put(port, Map.of()));
            run.put("ExposedPorts", exposed);
        }
        List<String> env = new ArrayList<>();
        spec.environment().forEach((name, value) -> env.add(name + "=" + value));
        run.put("Env", env);
        run.put("Entrypoint", spec.entrypoint());
        if (!spec.args().isEmpty()) {
            run.put("Cmd", spec.args());
        }
        run.put("WorkingDir", spec.workingDirectory());
        if (!spec.labels().isEmpty()) {
            run.put("Labels", spec.labels());
        }
        List<String> diffIds = new ArrayList<>();
        List<Object> history = new ArrayList<>();
        for (Layer layer : layers) {
            diffIds.add(layer.diffId());
            Map<String, Object> step = new LinkedHashMap<>();
            step.put("created", created);
            step.put("created_by", "scratchpack: " + layer.description());
            history.add(step);
        }
        Map<String, Object> rootfs = new LinkedHashMap<>();
        rootfs.put("type", "layers");
        rootfs.put("diff_ids", diffIds);
        Map<String, Object> config = new LinkedHashMap<>();
        config.put("created", created);
        config.put("architecture", spec.architecture());
        config.put("os", "linux");
        config.put("config", run);
        config.put("rootfs", rootfs);
        config.put("history", history);
        return Json.bytes(config);
    }

    /** The image manifest: the config and layer descriptors, and the annotations from the POM. */
    public static byte[] manifest(ImageSpec spec, Descriptor config, List<Layer> layers) {
        List<Object> layerDescriptors = new ArrayList<>();
        for (Layer layer : layers) {
            layerDescriptors.add(layer.descriptor().toJson(Map.of()));
        }
        Map<String, String> annotations = new TreeMap<>(spec.annotations());
        annotations.put("org.opencontainers.image.created", created(spec));
        Map<String, Object> manifest = new LinkedHashMap<>();
        manifest.put("schemaVersion", 2);
        manifest.put("mediaType", MANIFEST_MEDIA_TYPE);
        manifest.put("config", config.toJson(Map.of()));
        manifest.put("layers", layerDescriptors);
        manifest.put("annotations", annotations);
        return Json.bytes(manifest);
    }

    private static String created(ImageSpec spec) {
        return DateTimeFormatter.ISO_INSTANT.format(spec.creationTime());
    }
}
