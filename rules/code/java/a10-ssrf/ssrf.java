import java.net.*;
import org.springframework.web.bind.annotation.*;
import org.springframework.web.client.RestTemplate;

@RestController
class PreviewController {
    RestTemplate restTemplate = new RestTemplate();
    WebClient webClient;

    @GetMapping("/preview")
    String preview(@RequestParam String url) throws Exception {
        // ruleid: DSQ-JAVA-0004
        HttpURLConnection c = (HttpURLConnection) new URL(url).openConnection();
        URL target = new URL(url);
        // ruleid: DSQ-JAVA-0004
        target.openStream();
        // ruleid: DSQ-JAVA-0004
        String body = restTemplate.getForObject(url, String.class);
        // ruleid: DSQ-JAVA-0004
        webClient.get().uri(url).retrieve();
        // ok: DSQ-JAVA-0004
        restTemplate.getForObject("https://api.example.com/status", String.class);
        // ok: DSQ-JAVA-0004
        new URL("https://api.example.com/feed").openConnection();
        return body;
    }

    @GetMapping("/avatar")
    String avatar(@RequestHeader("X-Avatar") String avatar) throws Exception {
        URI uri = URI.create(avatar);
        if (!ALLOWED_HOSTS.contains(uri.getHost())) {
            return "forbidden";
        }
        // ok: DSQ-JAVA-0004
        return restTemplate.getForObject(uri, String.class);
    }

    @GetMapping("/user/{id}")
    String user(@PathVariable long id) {
        // ok: DSQ-JAVA-0004
        return restTemplate.getForObject("https://users.internal/api/{id}", String.class, id);
    }
}
