package wales.gov.grants.api;

import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.Base64;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.dropwizard.core.Application;
import io.dropwizard.testing.ConfigOverride;
import io.dropwizard.testing.DropwizardTestSupport;
import io.dropwizard.testing.ResourceHelpers;
import io.dropwizard.testing.junit5.DropwizardAppExtension;
import jakarta.ws.rs.client.Entity;
import jakarta.ws.rs.client.Invocation;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.MultivaluedMap;
import jakarta.ws.rs.core.Response;
import org.apache.hc.client5.http.impl.DefaultHttpRequestRetryStrategy;
import org.apache.hc.core5.util.TimeValue;
import org.glassfish.jersey.apache5.connector.Apache5ClientProperties;
import org.glassfish.jersey.client.ClientProperties;
import org.glassfish.jersey.client.JerseyClientBuilder;
import wales.gov.grants.audit.AuditSigningKey;
import wales.gov.grants.testing.Fixtures;
import wales.gov.grants.testing.TestClock;
import wales.gov.grants.testing.TestDatabase;
import wales.gov.grants.users.User;

/**
 * Starts the real application on the test database and a {@link TestClock}, and calls it over HTTP as a given
 * user. A test class gives the application and its {@link #fixtures(TestClock) fixtures} one clock, so what the
 * fixtures build and what the server does happen on one timeline that the test moves.
 */
public final class ApiTestSupport {
    private ApiTestSupport() {
    }

    public static DropwizardAppExtension<GrantsConfiguration> application(TestClock clock, ConfigOverride... extra) {
        signingKey();
        TestDatabase database = TestDatabase.get();
        ConfigOverride[] overrides = new ConfigOverride[3 + extra.length];
        overrides[0] = ConfigOverride.config("database.url", database.url());
        overrides[1] = ConfigOverride.config("database.user", database.user());
        overrides[2] = ConfigOverride.config("database.password", database.password());
        System.arraycopy(extra, 0, overrides, 3, extra.length);
        return new DropwizardAppExtension<>(new DropwizardTestSupport<>(GrantsApplication.class,
                ResourceHelpers.resourceFilePath("test-config.yml"), overrides) {
            @Override
            public Application<GrantsConfiguration> newApplication() {
                return new GrantsApplication(clock);
            }
        }) {
            /** Apache HttpClient would itself retry a 429 after its Retry-After: a test must see the 429. */
            @Override
            protected JerseyClientBuilder clientBuilder() {
                return super.clientBuilder().property(Apache5ClientProperties.RETRY_STRATEGY,
                        new DefaultHttpRequestRetryStrategy(0, TimeValue.ZERO_MILLISECONDS));
            }
        };
    }

    /** The key test-config.yml names: production mode refuses to start without it, so it is made first. */
    public static AuditSigningKey signingKey() {
        String base = System.getenv().getOrDefault("GRANTS_TEST_DATA_DIR", "");
        return AuditSigningKey.loadOrCreate(Path.of(base.isBlank() ? "target" : base, "test-audit-signing-key.pem"));
    }

    public static Fixtures fixtures(TestClock clock) {
        return Fixtures.onTestDatabase(clock);
    }

    /** Requests to the running application, signed in as one user (or anonymous). */
    public static final class Caller {
        /**
         * The test client's default of 5 s is too short on a loaded two-core machine for the first request that
         * builds the OpenAPI description; a real hang still fails the test.
         */
        private static final int READ_TIMEOUT_MILLIS = 30_000;

        private final DropwizardAppExtension<GrantsConfiguration> app;
        private final String authorization;

        private Caller(DropwizardAppExtension<GrantsConfiguration> app, String authorization) {
            this.app = app;
            this.authorization = authorization;
        }

        public static Caller as(DropwizardAppExtension<GrantsConfiguration> app, User user) {
            return basic(app, user.username(), Fixtures.PASSWORD);
        }

        public static Caller basic(DropwizardAppExtension<GrantsConfiguration> app, String username, String password) {
            String credentials = Base64.getEncoder()
                    .encodeToString((username + ":" + password).getBytes(StandardCharsets.UTF_8));
            return new Caller(app, "Basic " + credentials);
        }

        public static Caller bearer(DropwizardAppExtension<GrantsConfiguration> app, String token) {
            return new Caller(app, "Bearer " + token);
        }

        public static Caller anonymous(DropwizardAppExtension<GrantsConfiguration> app) {
            return new Caller(app, null);
        }

        public Invocation.Builder request(String path) {
            Invocation.Builder builder = app.client()
                    .target("http://localhost:" + app.getLocalPort() + path)
                    .request(MediaType.APPLICATION_JSON_TYPE, new MediaType("application", "problem+json"))
                    .property(ClientProperties.READ_TIMEOUT, READ_TIMEOUT_MILLIS);
            return authorization == null ? builder : builder.header("Authorization", authorization);
        }

        public Reply get(String path) {
            return Reply.of(request(path).get());
        }

        public Reply post(String path, String json) {
            return Reply.of(request(path).post(Entity.entity(json, MediaType.APPLICATION_JSON_TYPE)));
        }

        public Reply post(String path, String json, String idempotencyKey) {
            return Reply.of(request(path).header("Idempotency-Key", idempotencyKey)
                    .post(Entity.entity(json, MediaType.APPLICATION_JSON_TYPE)));
        }

        public Reply post(String path) {
            return Reply.of(request(path).post(Entity.json("")));
        }

        /** Posts a raw multipart/form-data body built with {@link wales.gov.grants.api.multipart.MultipartBody}. */
        public Reply upload(String path, byte[] multipartBody) {
            return Reply.of(request(path).post(Entity.entity(multipartBody,
                    MediaType.valueOf(wales.gov.grants.api.multipart.MultipartBody.contentType()))));
        }

        public Reply upload(String path, byte[] multipartBody, String idempotencyKey) {
            return Reply.of(request(path).header("Idempotency-Key", idempotencyKey).post(Entity.entity(multipartBody,
                    MediaType.valueOf(wales.gov.grants.api.multipart.MultipartBody.contentType()))));
        }

        /** A JSON merge patch (RFC 7396). */
        public Reply patch(String path, String json) {
            return Reply.of(request(path).method("PATCH",
                    Entity.entity(json, MediaType.valueOf("application/merge-patch+json"))));
        }

        public Reply delete(String path) {
            return Reply.of(request(path).delete());
        }

        /** A download read whole as bytes, optionally with If-None-Match. */
        public Download download(String path, String ifNoneMatch) {
            Invocation.Builder builder = app.client()
                    .target("http://localhost:" + app.getLocalPort() + path)
                    .request()
                    .property(ClientProperties.READ_TIMEOUT, READ_TIMEOUT_MILLIS);
            if (authorization != null) {
                builder = builder.header("Authorization", authorization);
            }
            if (ifNoneMatch != null) {
                builder = builder.header("If-None-Match", ifNoneMatch);
            }
            try (Response response = builder.get()) {
                byte[] body = response.hasEntity() ? response.readEntity(byte[].class) : new byte[0];
                return new Download(response.getStatus(), response.getStringHeaders(), body);
            }
        }
    }

    /** A downloaded response: status, headers and the exact bytes. */
    public record Download(int status, MultivaluedMap<String, String> headers, byte[] body) {
        public String header(String name) {
            return headers.getFirst(name);
        }
    }

    /** A response read whole and closed, so a test never leaks a pooled connection. */
    public record Reply(int status, String mediaType, String location, MultivaluedMap<String, String> headers,
                        String body) {
        private static final ObjectMapper JSON = new ObjectMapper();

        static Reply of(Response response) {
            try (response) {
                String body = response.hasEntity() ? response.readEntity(String.class) : "";
                return new Reply(response.getStatus(),
                        response.getMediaType() == null ? null : response.getMediaType().toString(),
                        response.getLocation() == null ? null : response.getLocation().getPath(),
                        response.getStringHeaders(), body);
            }
        }

        public JsonNode json() {
            try {
                return JSON.readTree(body);
            } catch (java.io.IOException e) {
                throw new AssertionError("not JSON: " + body, e);
            }
        }

        public String header(String name) {
            return headers.getFirst(name);
        }

        @Override
        public String toString() {
            return status + " " + body;
        }
    }
}
