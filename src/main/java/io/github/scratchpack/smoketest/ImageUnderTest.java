package io.github.scratchpack.smoketest;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.github.scratchpack.output.ImageTarballReader;
import io.github.scratchpack.output.TarballImage;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;

/**
 * The image the {@code image} goal wrote, as the smoke test needs it.
 *
 * @param tarball the image tarball
 * @param digest the manifest digest
 * @param id the config digest, which engines show as the image ID
 * @param tags the tags the tarball carries
 * @param user the user the image runs as
 * @param tcpPorts the exposed TCP ports
 */
public record ImageUnderTest(Path tarball, String digest, String id, List<String> tags, String user,
                             List<Integer> tcpPorts) {
    public ImageUnderTest {
        tags = List.copyOf(tags);
        tcpPorts = List.copyOf(tcpPorts);
    }

    /**
     * Reads the tarball and the {@code image.json} beside it.
     *
     * @throws IOException when either is missing or unreadable
     */
    public static ImageUnderTest read(Path tarball, Path report) throws IOException {
        TarballImage image = ImageTarballReader.read(tarball);
        ObjectMapper json = new ObjectMapper();
        JsonNode config;
        try (InputStream in = image.open(image.config())) {
            config = json.readTree(in).path("config");
        }
        List<Integer> ports = new ArrayList<>();
        for (Iterator<String> names = config.path("ExposedPorts").fieldNames(); names.hasNext(); ) {
            String port = names.next();
            if (port.endsWith("/tcp")) {
                ports.add(Integer.parseInt(port.substring(0, port.length() - 4)));
            }
        }
        List<String> tags = new ArrayList<>();
        json.readTree(Files.readAllBytes(report)).path("tags").forEach(tag -> tags.add(tag.asText()));
        return new ImageUnderTest(tarball, image.manifestDigest(), image.config().digest(), tags,
                config.path("User").asText(""), ports);
    }
}
