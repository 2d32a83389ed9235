package example;

import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;
import org.springframework.web.client.RestClient;

/** {@code GET /greeting?name=...} and {@code GET /upstream}. */
@RestController
public class ServiceController {
    private final GreetingProperties greeting;
    private final UpstreamProperties upstream;
    private final RestClient client;

    public ServiceController(GreetingProperties greeting, UpstreamProperties upstream, RestClient.Builder clients) {
        this.greeting = greeting;
        this.upstream = upstream;
        this.client = clients.build();
    }

    @GetMapping("/greeting")
    public Greeting greeting(@RequestParam(defaultValue = "world") String name) {
        String message = greeting.salutation() + ", " + name + greeting.suffix();
        return new Greeting(message, message.length());
    }

    @GetMapping("/upstream")
    public UpstreamAnswer upstream() {
        ResponseEntity<String> answer = client.get().uri(upstream.url()).retrieve().toEntity(String.class);
        return new UpstreamAnswer(upstream.url().toString(), answer.getStatusCode().value(), answer.getBody());
    }
}
