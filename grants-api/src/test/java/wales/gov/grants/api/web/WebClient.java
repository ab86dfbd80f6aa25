package wales.gov.grants.api.web;

import java.io.IOException;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;

/**
 * A browser without JavaScript for end-to-end page tests: it keeps cookies as a browser would (by name, deleted by
 * Max-Age=0), never follows redirects (a test sees each 303), and reads the CSRF token of the last form it got.
 */
public final class WebClient {
    private static final Pattern CSRF = Pattern.compile("name=\"csrfToken\" value=\"([^\"]*)\"");

    private final HttpClient http = HttpClient.newBuilder().followRedirects(HttpClient.Redirect.NEVER)
            .connectTimeout(Duration.ofSeconds(30)).build();
    private final String base;
    private final Map<String, String> cookies = new LinkedHashMap<>();
    private final Map<String, String> headers = new LinkedHashMap<>();
    private String lastCsrf = "";

    public WebClient(int port) {
        this.base = "http://localhost:" + port;
    }

    public record Reply(int status, HttpResponse<String> response) {
        public String body() {
            return response.body();
        }

        public String header(String name) {
            return response.headers().firstValue(name).orElse(null);
        }

        public List<String> headers(String name) {
            return response.headers().allValues(name);
        }
    }

    public Reply get(String path) {
        return send(HttpRequest.newBuilder(URI.create(base + path)).GET());
    }

    /** Posts a form with the CSRF token of the last page (unless the fields name one). */
    public Reply post(String path, Map<String, String> fields) {
        Map<String, String> form = new LinkedHashMap<>();
        form.put("csrfToken", lastCsrf);
        form.putAll(fields);
        form.values().removeIf(value -> value == null);
        return postRaw(path, form);
    }

    public Reply postRaw(String path, Map<String, String> form) {
        String body = form.entrySet().stream()
                .map(entry -> URLEncoder.encode(entry.getKey(), StandardCharsets.UTF_8) + "="
                        + URLEncoder.encode(entry.getValue(), StandardCharsets.UTF_8))
                .collect(Collectors.joining("&"));
        return send(HttpRequest.newBuilder(URI.create(base + path))
                .header("Content-Type", "application/x-www-form-urlencoded")
                .POST(HttpRequest.BodyPublishers.ofString(body)));
    }

    /** Opens the sign-in page and signs in; the reply is the sign-in's answer (a 303 when it worked). */
    public Reply signIn(String username, String password) {
        get("/");
        return post("/sign-in", Map.of("username", username, "password", password));
    }

    public String cookie(String name) {
        return cookies.get(name);
    }

    public void setCookie(String name, String value) {
        cookies.put(name, value);
    }

    /** A header sent with every request from now on, e.g. a proxy's {@code X-Forwarded-Proto}. */
    public void setHeader(String name, String value) {
        headers.put(name, value);
    }

    public String csrfToken() {
        return lastCsrf;
    }

    private Reply send(HttpRequest.Builder request) {
        if (!cookies.isEmpty()) {
            request.header("Cookie", cookies.entrySet().stream().map(entry -> entry.getKey() + "=" + entry.getValue())
                    .collect(Collectors.joining("; ")));
        }
        headers.forEach(request::header);
        request.timeout(Duration.ofSeconds(30));
        try {
            HttpResponse<String> response = http.send(request.build(), HttpResponse.BodyHandlers.ofString());
            for (String setCookie : response.headers().allValues("Set-Cookie")) {
                String pair = setCookie.split(";", 2)[0];
                int equals = pair.indexOf('=');
                String name = pair.substring(0, equals).strip();
                String value = pair.substring(equals + 1).strip();
                if (setCookie.toLowerCase().contains("max-age=0") || value.isEmpty()) {
                    cookies.remove(name);
                } else {
                    cookies.put(name, value);
                }
            }
            Matcher csrf = CSRF.matcher(response.body());
            if (csrf.find()) {
                lastCsrf = csrf.group(1);
            }
            return new Reply(response.statusCode(), response);
        } catch (IOException e) {
            throw new IllegalStateException("request failed", e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted", e);
        }
    }
}
