package example;

import java.net.URI;
import org.springframework.boot.context.properties.ConfigurationProperties;

/** The {@code upstream} section of {@code application.yml}: the HTTPS address the service asks. */
@ConfigurationProperties("upstream")
public record UpstreamProperties(URI url) {
}
