package wales.gov.grants.api.errors;

import java.util.List;

import org.junit.jupiter.api.Test;
import wales.gov.grants.api.resources.EvidenceResource;
import wales.gov.grants.api.resources.SchemeResource;

import static org.assertj.core.api.Assertions.assertThat;

class UnsupportedMethodFilterTest {
    private final UnsupportedMethodFilter filter = new UnsupportedMethodFilter(
            List.of(SchemeResource.class, EvidenceResource.class));

    @Test
    void allowListsTheMethodsOfThePathAskedFor() {
        assertThat(filter.allowed("/api/v1/schemes")).containsExactly("GET", "HEAD", "OPTIONS", "POST");
        assertThat(filter.allowed("/api/v1/evidence/abc/content")).containsExactly("GET", "HEAD", "OPTIONS");
        assertThat(filter.allowed("/api/v1/evidence/abc")).containsExactly("DELETE", "GET", "HEAD", "OPTIONS");
        assertThat(filter.allowed("/api/v1/nothing-here")).isEmpty();
    }
}
