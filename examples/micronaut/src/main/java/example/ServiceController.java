package example;

import io.micronaut.context.annotation.Value;
import io.micronaut.http.HttpRequest;
import io.micronaut.http.HttpResponse;
import io.micronaut.http.annotation.Controller;
import io.micronaut.http.annotation.Get;
import io.micronaut.http.annotation.QueryValue;
import io.micronaut.http.client.HttpClient;
import io.micronaut.http.client.annotation.Client;
import io.micronaut.scheduling.TaskExecutors;
import io.micronaut.scheduling.annotation.ExecuteOn;
import java.net.URI;

/** {@code GET /greeting?name=...} and {@code GET /upstream}. */
@Controller
public class ServiceController {
    private final String salutation;
    private final URI upstream;
    private final HttpClient client;

    public ServiceController(@Value("${greeting.salutation}") String salutation, @Value("${upstream.url}") URI upstream,
            @Client HttpClient client) {
        this.salutation = salutation;
        this.upstream = upstream;
        this.client = client;
    }

    @Get("/greeting")
    public Greeting greeting(@QueryValue(defaultValue = "world") String name) {
        String message = salutation + ", " + name + "!";
        return new Greeting(message, message.length());
    }

    @Get("/upstream")
    @ExecuteOn(TaskExecutors.BLOCKING)
    public UpstreamAnswer upstream() {
        HttpResponse<String> answer = client.toBlocking().exchange(HttpRequest.GET(upstream), String.class);
        return new UpstreamAnswer(upstream.toString(), answer.code(), answer.body());
    }
}
