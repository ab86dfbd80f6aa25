import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Base64;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Drives claim submit → approve over HTTP with bearer tokens from N client threads against a running server in demo
 * mode. Setup (not measured): one scheme, and per client its own awards with draft claims for single days. Measured:
 * each client submits (as the recipient) and approves (as a finance officer, alternating finance1 and finance2) its
 * claims for the given number of seconds. A single-file program: {@code java ClaimsApprovalBenchmark.java URL N SECONDS}.
 */
public final class ClaimsApprovalBenchmark {
    private static final Pattern ID = Pattern.compile("\"id\"\\s*:\\s*\"([^\"]+)\"");
    private static final Pattern TOKEN = Pattern.compile("\"token\"\\s*:\\s*\"([^\"]+)\"");
    private static final String CARDIFF = "W06000015";
    private static final int DAYS_PER_AWARD = 365;

    private final HttpClient http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1)
            .connectTimeout(Duration.ofSeconds(5)).build();
    private final String base;

    private ClaimsApprovalBenchmark(String base) {
        this.base = base;
    }

    public static void main(String[] arguments) throws Exception {
        if (arguments.length < 3) {
            System.err.println("usage: java ClaimsApprovalBenchmark.java http://127.0.0.1:PORT CLIENTS SECONDS [CLAIMS_PER_CLIENT]");
            System.exit(2);
        }
        URI target = URI.create(arguments[0]);
        if (!"127.0.0.1".equals(target.getHost())) {
            throw new IllegalArgumentException("the benchmark talks to 127.0.0.1 only, not " + target.getHost());
        }
        int clients = Integer.parseInt(arguments[1]);
        int seconds = Integer.parseInt(arguments[2]);
        int claimsPerClient = arguments.length > 3 ? Integer.parseInt(arguments[3]) : 800;
        new ClaimsApprovalBenchmark(arguments[0]).run(clients, seconds, claimsPerClient);
    }

    private void run(int clients, int seconds, int claimsPerClient) throws Exception {
        String manager = token("manager");
        String recipient = token("cardiff");
        String[] officers = {token("finance1"), token("finance2")};
        String organisation = cardiffId(manager);
        String scheme = id(call("POST", "/api/v1/schemes", manager, "{\"code\":\"BENCH" + UUID.randomUUID()
                .toString().substring(0, 8).toUpperCase() + "\",\"nameEn\":\"Benchmark scheme\",\"nameCy\":"
                + "\"Cynllun meincnodi\",\"financialYear\":\"2019-20\",\"budget\":\"900000000000.00\","
                + "\"dualApprovalThreshold\":\"900000000000.00\"}", 201));

        System.out.printf("setup: %d clients × %d draft claims ...%n", clients, claimsPerClient);
        long setupStarted = System.nanoTime();
        ExecutorService pool = Executors.newFixedThreadPool(clients);
        List<Future<List<String>>> drafts = new ArrayList<>();
        for (int client = 0; client < clients; client++) {
            drafts.add(pool.submit(() -> drafts(manager, recipient, scheme, organisation, claimsPerClient)));
        }
        List<List<String>> claimsByClient = new ArrayList<>();
        for (Future<List<String>> future : drafts) {
            claimsByClient.add(future.get());
        }
        System.out.printf("setup took %.1f s%n", (System.nanoTime() - setupStarted) / 1e9);

        CountDownLatch start = new CountDownLatch(1);
        long[][] submitLatencies = new long[clients][];
        long[][] approveLatencies = new long[clients][];
        int[] approved = new int[clients];
        List<Future<?>> runs = new ArrayList<>();
        long deadline = System.nanoTime() + Duration.ofSeconds(seconds).toNanos() + Duration.ofMillis(100).toNanos();
        for (int client = 0; client < clients; client++) {
            int index = client;
            runs.add(pool.submit(() -> {
                List<String> claims = claimsByClient.get(index);
                long[] submits = new long[claims.size()];
                long[] approves = new long[claims.size()];
                String officer = officers[index % 2];
                start.await();
                int done = 0;
                while (done < claims.size() && System.nanoTime() < deadline) {
                    String path = "/api/v1/claims/" + claims.get(done);
                    long before = System.nanoTime();
                    call("POST", path + "/submit", recipient, null, 200);
                    long between = System.nanoTime();
                    String body = call("POST", path + "/approve", officer, null, 200);
                    long after = System.nanoTime();
                    if (!body.contains("\"status\":\"APPROVED\"")) {
                        throw new IllegalStateException("not approved: " + body);
                    }
                    submits[done] = between - before;
                    approves[done] = after - between;
                    done++;
                }
                submitLatencies[index] = Arrays.copyOf(submits, done);
                approveLatencies[index] = Arrays.copyOf(approves, done);
                approved[index] = done;
                return null;
            }));
        }
        long started = System.nanoTime();
        start.countDown();
        for (Future<?> future : runs) {
            future.get();
        }
        double elapsed = (System.nanoTime() - started) / 1e9;
        pool.shutdown();

        int total = Arrays.stream(approved).sum();
        boolean ranOut = Arrays.stream(approved).anyMatch(count -> count == claimsPerClient);
        long[] submit = flatten(submitLatencies);
        long[] approve = flatten(approveLatencies);
        System.out.printf("clients=%d duration=%.1fs approvals=%d%s%n", clients, elapsed, total,
                ranOut ? " (a client ran out of draft claims: raise CLAIMS_PER_CLIENT)" : "");
        System.out.printf("submit latency:  p50=%.1fms p99=%.1fms%n", percentile(submit, 50), percentile(submit, 99));
        System.out.printf("approve latency: p50=%.1fms p99=%.1fms%n", percentile(approve, 50),
                percentile(approve, 99));
        System.out.printf("http requests/s=%.1f%n", 2 * total / elapsed);
        System.out.printf("approvals_per_second=%.1f%n", total / elapsed);
    }

    private List<String> drafts(String manager, String recipient, String scheme, String organisation, int count)
            throws Exception {
        List<String> claims = new ArrayList<>();
        String award = null;
        for (int index = 0; index < count; index++) {
            int day = index % DAYS_PER_AWARD;
            if (day == 0) {
                award = id(call("POST", "/api/v1/awards", manager, "{\"schemeId\":\"" + scheme
                        + "\",\"organisationId\":\"" + organisation + "\",\"amount\":\"100000000.00\","
                        + "\"conditions\":[],\"outcomeTargets\":[]}", 201));
                call("POST", "/api/v1/awards/" + award + "/offer", manager, null, 200);
                call("POST", "/api/v1/awards/" + award + "/accept", recipient, null, 200);
            }
            String date = LocalDate.of(2019, 4, 1).plusDays(day).toString();
            claims.add(id(call("POST", "/api/v1/awards/" + award + "/claims", recipient, "{\"periodStart\":\""
                    + date + "\",\"periodEnd\":\"" + date + "\",\"lines\":[{\"category\":\"PDG Access\","
                    + "\"description\":\"School uniforms\",\"amount\":\"125.50\"}]}", 201)));
        }
        return claims;
    }

    private String token(String username) throws Exception {
        String basic = Base64.getEncoder().encodeToString((username + ":demo-password")
                .getBytes(StandardCharsets.UTF_8));
        HttpResponse<String> response = http.send(HttpRequest.newBuilder(URI.create(base + "/api/v1/tokens"))
                        .header("Authorization", "Basic " + basic).POST(HttpRequest.BodyPublishers.noBody()).build(),
                HttpResponse.BodyHandlers.ofString());
        if (response.statusCode() != 201) {
            throw new IllegalStateException("token for " + username + ": " + response.statusCode() + " "
                    + response.body());
        }
        return match(TOKEN, response.body());
    }

    private String cardiffId(String token) throws Exception {
        String body = call("GET", "/api/v1/organisations?limit=500", token, null, 200);
        Matcher matcher = Pattern.compile("\"id\"\\s*:\\s*\"([^\"]+)\"\\s*,\\s*\"code\"\\s*:\\s*\"" + CARDIFF + "\"")
                .matcher(body);
        if (!matcher.find()) {
            throw new IllegalStateException("no organisation " + CARDIFF);
        }
        return matcher.group(1);
    }

    private String call(String method, String path, String token, String json, int expected) throws Exception {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(base + path))
                .header("Authorization", "Bearer " + token)
                .header("Accept", "application/json")
                .timeout(Duration.ofSeconds(30));
        if (json != null) {
            request.header("Content-Type", "application/json")
                    .method(method, HttpRequest.BodyPublishers.ofString(json));
        } else {
            request.method(method, HttpRequest.BodyPublishers.noBody());
        }
        HttpResponse<String> response = http.send(request.build(), HttpResponse.BodyHandlers.ofString());
        if (response.statusCode() != expected) {
            throw new IllegalStateException(method + " " + path + ": " + response.statusCode() + " "
                    + response.body());
        }
        return response.body();
    }

    private static String id(String body) {
        return match(ID, body);
    }

    private static String match(Pattern pattern, String body) {
        Matcher matcher = pattern.matcher(body);
        if (!matcher.find()) {
            throw new IllegalStateException("unexpected response: " + body);
        }
        return matcher.group(1);
    }

    private static long[] flatten(long[][] parts) {
        return Arrays.stream(parts).flatMapToLong(Arrays::stream).sorted().toArray();
    }

    private static double percentile(long[] sorted, int percentile) {
        if (sorted.length == 0) {
            return Double.NaN;
        }
        int index = (int) Math.ceil(percentile / 100.0 * sorted.length) - 1;
        return sorted[Math.max(0, Math.min(sorted.length - 1, index))] / 1e6;
    }
}
