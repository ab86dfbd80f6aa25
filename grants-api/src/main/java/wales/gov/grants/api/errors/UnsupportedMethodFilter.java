package wales.gov.grants.api.errors;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;

import jakarta.servlet.Filter;
import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.ServletRequest;
import jakarta.servlet.ServletResponse;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import jakarta.ws.rs.Path;
import org.glassfish.jersey.server.model.Resource;
import org.glassfish.jersey.server.model.ResourceMethod;
import org.glassfish.jersey.uri.UriTemplate;

import static java.util.Objects.requireNonNull;

/**
 * Answers a method the API never serves (TRACE, PROPFIND, a made-up one) with a 405 problem and the {@code Allow}
 * of the path asked for. Runs before Dropwizard's own allowed-methods filter, whose 405 has an empty body; the
 * methods it lets through reach Jersey, whose 405 (say, DELETE on a list) the exception mappers answer.
 */
public final class UnsupportedMethodFilter implements Filter {
    static final Set<String> SERVED = Set.of("GET", "HEAD", "POST", "PUT", "PATCH", "DELETE", "OPTIONS");

    private final List<?> resources;
    private volatile List<Route> routes;

    /** @param resources the registered resources (instances or classes), read on the first refused request */
    public UnsupportedMethodFilter(List<?> resources) {
        this.resources = List.copyOf(requireNonNull(resources, "resources is null"));
    }

    @Override
    public void doFilter(ServletRequest request, ServletResponse response, FilterChain chain)
            throws IOException, ServletException {
        if (!(request instanceof HttpServletRequest http) || !(response instanceof HttpServletResponse httpResponse)
                || SERVED.contains(http.getMethod())) {
            chain.doFilter(request, response);
            return;
        }
        String path = http.getRequestURI().substring(http.getContextPath().length());
        Set<String> allowed = allowed(path);
        httpResponse.setStatus(405);
        httpResponse.setContentType(Problems.PROBLEM_JSON.toString());
        if (!allowed.isEmpty()) {
            httpResponse.setHeader("Allow", String.join(", ", allowed));
        }
        httpResponse.setHeader("Cache-Control", "no-store");
        byte[] body = ("{\"type\":\"" + Problems.TYPE_BASE + "http-405\",\"title\":\"Method Not Allowed\","
                + "\"status\":405,\"detail\":\"This API does not accept that method"
                + (allowed.isEmpty() ? "" : "; this path accepts " + String.join(", ", allowed)) + "\"}")
                .getBytes(StandardCharsets.UTF_8);
        httpResponse.setContentLength(body.length);
        httpResponse.getOutputStream().write(body);
    }

    /** The methods a path accepts, as Jersey would list them: its resource methods, HEAD with GET, and OPTIONS. */
    Set<String> allowed(String path) {
        Set<String> methods = new TreeSet<>();
        for (Route route : routes()) {
            if (route.template().match(path, new ArrayList<>())) {
                methods.addAll(route.methods());
            }
        }
        if (methods.contains("GET")) {
            methods.add("HEAD");
        }
        if (!methods.isEmpty()) {
            methods.add("OPTIONS");
        }
        return methods;
    }

    private List<Route> routes() {
        List<Route> known = routes;
        if (known == null) {
            known = new ArrayList<>();
            for (Object resource : resources) {
                Class<?> type = resource instanceof Class<?> clazz ? clazz : resource.getClass();
                if (type.isAnnotationPresent(Path.class)) {
                    collect(Resource.from(type), "", known);
                }
            }
            routes = List.copyOf(known);
        }
        return known;
    }

    private static void collect(Resource resource, String parent, List<Route> routes) {
        String path = join(parent, resource.getPath());
        Set<String> methods = new TreeSet<>();
        for (ResourceMethod method : resource.getResourceMethods()) {
            methods.add(method.getHttpMethod());
        }
        if (!methods.isEmpty()) {
            routes.add(new Route(new UriTemplate(path), Set.copyOf(methods)));
        }
        for (Resource child : resource.getChildResources()) {
            collect(child, path, routes);
        }
    }

    private static String join(String parent, String path) {
        String child = path == null ? "" : path;
        String joined = (parent.endsWith("/") ? parent.substring(0, parent.length() - 1) : parent)
                + (child.isEmpty() || child.startsWith("/") ? child : "/" + child);
        if (!joined.startsWith("/")) {
            joined = "/" + joined;
        }
        return joined.length() > 1 && joined.endsWith("/") ? joined.substring(0, joined.length() - 1) : joined;
    }

    private record Route(UriTemplate template, Set<String> methods) {
    }
}
