package example;

import org.springframework.boot.context.properties.ConfigurationProperties;

/** The {@code greeting} section of {@code application.yml}. */
@ConfigurationProperties("greeting")
public record GreetingProperties(String salutation, String suffix) {
}
