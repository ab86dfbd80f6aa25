package wales.gov.grants.api.auth;

import java.io.IOException;
import java.net.InetAddress;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Optional;

import com.google.common.net.InetAddresses;
import jakarta.servlet.Filter;
import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.ServletRequest;
import jakarta.servlet.ServletResponse;
import jakarta.servlet.http.HttpServletRequest;
import org.eclipse.jetty.util.InetAddressSet;

/**
 * Decides the client's address, which the sign-in throttle counts and the audit trail records, and makes it
 * visible to Jersey filters (which see servlet attributes as request properties).
 * <p>
 * The address is the connection's peer, unless the peer is a configured trusted proxy: then it is the nearest
 * address in {@code X-Forwarded-For} (read from the right) that is not itself a trusted proxy. Anyone can send the
 * header, so it is believed only as far back as the chain of trusted proxies goes; an entry that is not an IP
 * address ends the walk at the last proxy that added one.
 */
public final class ClientAddressFilter implements Filter {
    public static final String ATTRIBUTE = "grants.clientAddress";
    /** Boolean: the client reached the service over HTTPS, directly or through a trusted proxy that says so. */
    public static final String HTTPS_ATTRIBUTE = "grants.https";
    private static final String FORWARDED_FOR = "X-Forwarded-For";
    private static final String FORWARDED_PROTO = "X-Forwarded-Proto";

    private final InetAddressSet trustedProxies = new InetAddressSet();
    private final boolean anyTrusted;

    /** @param trustedProxies IP addresses, CIDR blocks ({@code 10.0.0.0/8}) or ranges ({@code 10.0.0.1-10.0.0.9}) */
    public ClientAddressFilter(List<String> trustedProxies) {
        for (String proxy : trustedProxies) {
            String pattern = proxy.strip();
            String address = pattern.split("[/-]", 2)[0];
            if (!InetAddresses.isInetAddress(address)) {
                throw new IllegalArgumentException("trustedProxies: '" + proxy
                        + "' is not an IP address, CIDR block or range of addresses");
            }
            this.trustedProxies.add(pattern);
        }
        this.anyTrusted = !trustedProxies.isEmpty();
    }

    @Override
    public void doFilter(ServletRequest request, ServletResponse response, FilterChain chain)
            throws IOException, ServletException {
        request.setAttribute(ATTRIBUTE, clientAddress(request.getRemoteAddr(), forwardedFor(request)));
        request.setAttribute(HTTPS_ATTRIBUTE, request.isSecure() || forwardedHttps(request));
        chain.doFilter(request, response);
    }

    /** @param forwardedFor every {@code X-Forwarded-For} header of the request, in order */
    String clientAddress(String peer, List<String> forwardedFor) {
        if (!anyTrusted || !trusted(peer)) {
            return peer;
        }
        List<String> hops = new ArrayList<>();
        for (String header : forwardedFor) {
            for (String hop : header.split(",")) {
                hops.add(hop.strip());
            }
        }
        String client = peer;
        for (int index = hops.size() - 1; index >= 0; index--) {
            Optional<String> hop = ipAddress(hops.get(index));
            if (hop.isEmpty()) {
                return client;
            }
            client = hop.get();
            if (!trusted(client)) {
                return client;
            }
        }
        return client;
    }

    /** The nearest proxy's {@code X-Forwarded-Proto}, believed only from a trusted proxy. */
    private boolean forwardedHttps(ServletRequest request) {
        if (!anyTrusted || !trusted(request.getRemoteAddr()) || !(request instanceof HttpServletRequest http)) {
            return false;
        }
        String proto = http.getHeader(FORWARDED_PROTO);
        if (proto == null) {
            return false;
        }
        String[] hops = proto.split(",");
        return hops[hops.length - 1].strip().equalsIgnoreCase("https");
    }

    private boolean trusted(String address) {
        return ipAddress(address).map(InetAddresses::forString).map(trustedProxies::test).orElse(false);
    }

    /** The address in its canonical form, or empty if {@code value} is not an IP address (never a DNS lookup). */
    private static Optional<String> ipAddress(String value) {
        String bare = value.startsWith("[") && value.endsWith("]") ? value.substring(1, value.length() - 1) : value;
        if (!InetAddresses.isInetAddress(bare)) {
            return Optional.empty();
        }
        InetAddress address = InetAddresses.forString(bare);
        return Optional.of(InetAddresses.toAddrString(address));
    }

    private static List<String> forwardedFor(ServletRequest request) {
        if (request instanceof HttpServletRequest http) {
            return Collections.list(http.getHeaders(FORWARDED_FOR));
        }
        return List.of();
    }
}
