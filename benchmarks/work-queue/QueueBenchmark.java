import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;

/**
 * Times the finance officer's work queue, filtered by one scheme and paged through every page, as the web page
 * {@code /claims?status=SUBMITTED&scheme=S&page=N} (signed in through the sign-in form, a session cookie) and as the
 * JSON API's same query {@code /api/v1/claims?status=SUBMITTED&schemeId=S&limit=20&offset=...} (a bearer token),
 * one request after the other from one client on 127.0.0.1, each page's two requests back to back so both see the
 * same server. Every page is checked: 200, the same claims in the same order in both, the count the generator made.
 * A single-file program: {@code java QueueBenchmark.java URL USER PASSWORD SCHEME_ID CLAIMS ROUNDS}.
 */
public final class QueueBenchmark {
    private static final int PAGE_SIZE = 20;
    private static final Pattern CSRF = Pattern.compile("name=\"csrfToken\" value=\"([^\"]*)\"");
    private static final Pattern WEB_CLAIM = Pattern.compile("href=\"/claims/([0-9a-f-]{36})\"");
    private static final Pattern API_CLAIM = Pattern.compile("\\{\"id\":\"([0-9a-f-]{36})\",\"awardId\"");
    private static final Pattern TOKEN = Pattern.compile("\"token\"\\s*:\\s*\"([^\"]+)\"");

    private final HttpClient http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1)
            .followRedirects(HttpClient.Redirect.NEVER).connectTimeout(Duration.ofSeconds(5)).build();
    private final String base;
    private final Map<String, String> cookies = new LinkedHashMap<>();

    private QueueBenchmark(String base) {
        this.base = base;
    }

    public static void main(String[] arguments) throws Exception {
        if (arguments.length < 6) {
            System.err.println("usage: java QueueBenchmark.java http://127.0.0.1:PORT USER PASSWORD SCHEME_ID CLAIMS ROUNDS");
            System.exit(2);
        }
        if (!"127.0.0.1".equals(URI.create(arguments[0]).getHost())) {
            throw new IllegalArgumentException("the benchmark talks to 127.0.0.1 only");
        }
        new QueueBenchmark(arguments[0]).run(arguments[1], arguments[2], arguments[3], Integer.parseInt(arguments[4]),
                Integer.parseInt(arguments[5]));
    }

    private void run(String user, String password, String scheme, int claims, int rounds) throws Exception {
        signIn(user, password);
        String token = token(user, password);
        int pages = (claims + PAGE_SIZE - 1) / PAGE_SIZE;
        System.out.printf("queue of scheme %s: %d submitted claims, %d pages of %d; %d rounds, plus one warm-up%n",
                scheme, claims, pages, PAGE_SIZE, rounds);
        List<Long> web = new ArrayList<>();
        List<Long> api = new ArrayList<>();
        for (int round = 0; round <= rounds; round++) {
            for (int page = 1; page <= pages; page++) {
                long started = System.nanoTime();
                HttpResponse<String> html = get("/claims?status=SUBMITTED&scheme=" + scheme + "&page=" + page, null);
                long webNanos = System.nanoTime() - started;
                started = System.nanoTime();
                HttpResponse<String> json = get("/api/v1/claims?status=SUBMITTED&schemeId=" + scheme + "&limit="
                        + PAGE_SIZE + "&offset=" + (page - 1) * PAGE_SIZE, token);
                long apiNanos = System.nanoTime() - started;
                check(page, pages, claims, html, json);
                if (round > 0) {
                    web.add(webNanos);
                    api.add(apiNanos);
                }
            }
        }
        long[] webSorted = web.stream().mapToLong(Long::longValue).sorted().toArray();
        long[] apiSorted = api.stream().mapToLong(Long::longValue).sorted().toArray();
        System.out.printf("checked: every page 200, the page and the API list the same %d claims in the same order%n",
                claims);
        report("web page /claims", webSorted);
        report("JSON API /api/v1/claims", apiSorted);
        System.out.printf("ratio web/API   p50 %.2f   p99 %.2f%n", percentile(webSorted, 50) / percentile(apiSorted, 50),
                percentile(webSorted, 99) / percentile(apiSorted, 99));
    }

    private void check(int page, int pages, int claims, HttpResponse<String> html, HttpResponse<String> json) {
        if (html.statusCode() != 200 || json.statusCode() != 200) {
            throw new IllegalStateException("page " + page + ": web " + html.statusCode() + ", API " + json.statusCode());
        }
        List<String> shown = ids(WEB_CLAIM, html.body());
        List<String> listed = ids(API_CLAIM, json.body());
        int expected = page < pages ? PAGE_SIZE : claims - (pages - 1) * PAGE_SIZE;
        if (shown.size() != expected || !shown.equals(listed)) {
            throw new IllegalStateException("page " + page + ": the web page shows " + shown.size()
                    + " claims, the API " + listed.size() + ", expected " + expected + " and the same");
        }
        if (!html.body().contains(claims + " claims") && !html.body().contains(String.format("%,d claims", claims))) {
            throw new IllegalStateException("page " + page + " does not say " + claims + " claims");
        }
    }

    private static List<String> ids(Pattern pattern, String body) {
        List<String> ids = new ArrayList<>();
        Matcher matcher = pattern.matcher(body);
        while (matcher.find()) {
            ids.add(matcher.group(1));
        }
        return ids;
    }

    private static void report(String what, long[] sorted) {
        System.out.printf("%-24s n=%d  p50 %.1f ms  p99 %.1f ms  max %.1f ms  mean %.1f ms%n", what, sorted.length,
                percentile(sorted, 50), percentile(sorted, 99), sorted[sorted.length - 1] / 1e6,
                Arrays.stream(sorted).average().orElse(0) / 1e6);
    }

    /** The nearest-rank percentile, in milliseconds. */
    private static double percentile(long[] sorted, int percent) {
        int rank = (int) Math.ceil(percent / 100.0 * sorted.length);
        return sorted[Math.max(0, rank - 1)] / 1e6;
    }

    private void signIn(String user, String password) throws Exception {
        Matcher csrf = CSRF.matcher(get("/", null).body());
        if (!csrf.find()) {
            throw new IllegalStateException("no sign-in form at /");
        }
        String form = "csrfToken=" + encode(csrf.group(1)) + "&username=" + encode(user) + "&password="
                + encode(password);
        HttpResponse<String> reply = send(HttpRequest.newBuilder(URI.create(base + "/sign-in"))
                .header("Content-Type", "application/x-www-form-urlencoded")
                .POST(HttpRequest.BodyPublishers.ofString(form)), null);
        if (reply.statusCode() != 303 || !cookies.containsKey("grants-session")) {
            throw new IllegalStateException("sign-in as " + user + " failed: " + reply.statusCode());
        }
    }

    private String token(String user, String password) throws Exception {
        String basic = Base64.getEncoder().encodeToString((user + ":" + password).getBytes(StandardCharsets.UTF_8));
        HttpResponse<String> reply = http.send(HttpRequest.newBuilder(URI.create(base + "/api/v1/tokens"))
                .header("Authorization", "Basic " + basic).POST(HttpRequest.BodyPublishers.noBody()).build(),
                HttpResponse.BodyHandlers.ofString());
        Matcher token = TOKEN.matcher(reply.body());
        if (reply.statusCode() != 201 || !token.find()) {
            throw new IllegalStateException("no token: " + reply.statusCode() + " " + reply.body());
        }
        return token.group(1);
    }

    private HttpResponse<String> get(String path, String bearer) throws Exception {
        return send(HttpRequest.newBuilder(URI.create(base + path)).GET(), bearer);
    }

    private HttpResponse<String> send(HttpRequest.Builder request, String bearer) throws Exception {
        if (bearer != null) {
            request.header("Authorization", "Bearer " + bearer);
        } else if (!cookies.isEmpty()) {
            request.header("Cookie", cookies.entrySet().stream().map(e -> e.getKey() + "=" + e.getValue())
                    .collect(Collectors.joining("; ")));
        }
        HttpResponse<String> response = http.send(request.timeout(Duration.ofSeconds(60)).build(),
                HttpResponse.BodyHandlers.ofString());
        if (bearer == null) {
            for (String setCookie : response.headers().allValues("Set-Cookie")) {
                String pair = setCookie.split(";", 2)[0];
                int equals = pair.indexOf('=');
                cookies.put(pair.substring(0, equals).strip(), pair.substring(equals + 1).strip());
            }
        }
        return response;
    }

    private static String encode(String value) {
        return URLEncoder.encode(value, StandardCharsets.UTF_8);
    }
}
