package wales.gov.grants.api;

import io.dropwizard.testing.junit5.DropwizardAppExtension;
import io.dropwizard.testing.junit5.DropwizardExtensionsSupport;
import jakarta.ws.rs.core.Response;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import wales.gov.grants.testing.TestClock;

import static org.assertj.core.api.Assertions.assertThat;

/** The admin port: the database's and evidence storage's health checks and the connection pool's metrics. */
@ExtendWith(DropwizardExtensionsSupport.class)
class OperationsApiTest {
    static final DropwizardAppExtension<GrantsConfiguration> APP = ApiTestSupport.application(new TestClock());

    @Test
    void theHealthCheckIncludesTheDatabase() {
        try (Response response = admin("/healthcheck")) {
            String body = response.readEntity(String.class);
            assertThat(response.getStatus()).as(body).isEqualTo(200);
            assertThat(body).contains("\"postgresql\":{\"healthy\":true")
                    .contains("\"evidence-storage\":{\"healthy\":true");
        }
    }

    @Test
    void theMetricsIncludeTheConnectionPool() {
        try (Response response = admin("/metrics")) {
            assertThat(response.getStatus()).isEqualTo(200);
            assertThat(response.readEntity(String.class)).contains("io.dropwizard.db.ManagedPooledDataSource.postgresql");
        }
    }

    private static Response admin(String path) {
        return APP.client().target("http://localhost:" + APP.getAdminPort() + path).request().get();
    }
}
