package io.github.scratchpack.testing;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.networknt.schema.JsonSchema;
import com.networknt.schema.JsonSchemaFactory;
import com.networknt.schema.SpecVersion;
import com.networknt.schema.ValidationMessage;
import java.io.IOException;
import java.io.InputStream;
import java.util.Set;

/**
 * Validates JSON documents against the OCI image-spec v1.1.1 schemas, kept in
 * {@code src/test/resources/oci-image-spec-schemas} (copied from the team's shared test data, Apache-2.0).
 */
public final class OciSchemas {
    private static final String ROOT = "classpath:oci-image-spec-schemas/";
    private static final JsonSchemaFactory FACTORY = JsonSchemaFactory.getInstance(SpecVersion.VersionFlag.V4,
            builder -> builder.schemaMappers(mappers -> mappers
                    .mapPrefix("https://opencontainers.org/schema/image/", ROOT)
                    .mapPrefix("https://opencontainers.org/schema/", ROOT)));

    /** The schema files by what they describe. */
    public enum Kind {
        MANIFEST("image-manifest-schema.json"),
        INDEX("image-index-schema.json"),
        CONFIG("config-schema.json"),
        LAYOUT("image-layout-schema.json");

        private final String file;

        Kind(String file) {
            this.file = file;
        }
    }

    private OciSchemas() {
    }

    /** The schema violations of a document; empty when it is valid. */
    public static Set<ValidationMessage> violations(Kind kind, byte[] json) throws IOException {
        try (InputStream schema = OciSchemas.class.getResourceAsStream("/oci-image-spec-schemas/" + kind.file)) {
            JsonSchema compiled = FACTORY.getSchema(schema);
            JsonNode document = new ObjectMapper().readTree(json);
            return compiled.validate(document);
        }
    }
}
