package wales.gov.grants.api.auth;

import java.util.List;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class ClientAddressFilterTest {
    private final ClientAddressFilter behindProxies = new ClientAddressFilter(List.of("10.0.0.0/8", "::1"));

    @Test
    void withoutTrustedProxiesTheHeaderIsIgnored() {
        assertThat(new ClientAddressFilter(List.of()).clientAddress("192.0.2.1", List.of("203.0.113.5")))
                .isEqualTo("192.0.2.1");
    }

    @Test
    void fromAnUntrustedPeerTheHeaderIsIgnored() {
        assertThat(behindProxies.clientAddress("192.0.2.1", List.of("203.0.113.5"))).isEqualTo("192.0.2.1");
    }

    @Test
    void theClientIsTheNearestAddressThatIsNotATrustedProxy() {
        assertThat(behindProxies.clientAddress("10.1.1.1", List.of("203.0.113.5"))).isEqualTo("203.0.113.5");
        assertThat(behindProxies.clientAddress("10.1.1.1", List.of("198.51.100.1, 203.0.113.5, 10.2.2.2")))
                .isEqualTo("203.0.113.5");
        assertThat(behindProxies.clientAddress("10.1.1.1", List.of("198.51.100.1", "203.0.113.5")))
                .as("several headers are one list").isEqualTo("203.0.113.5");
        assertThat(behindProxies.clientAddress("::1", List.of("[2001:DB8::1]"))).isEqualTo("2001:db8::1");
    }

    @Test
    void anEntryThatIsNotAnAddressEndsTheWalkAtTheProxyThatAddedIt() {
        assertThat(behindProxies.clientAddress("10.1.1.1", List.of("203.0.113.5, evil.example")))
                .isEqualTo("10.1.1.1");
        assertThat(behindProxies.clientAddress("10.1.1.1", List.of("junk, 10.3.3.3"))).isEqualTo("10.3.3.3");
        assertThat(behindProxies.clientAddress("10.1.1.1", List.of())).isEqualTo("10.1.1.1");
    }

    @Test
    void aTrustedProxyMustBeAnAddressNotAName() {
        assertThatThrownBy(() -> new ClientAddressFilter(List.of("proxy.example")))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("proxy.example");
    }
}
