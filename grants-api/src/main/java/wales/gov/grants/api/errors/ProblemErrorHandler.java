package wales.gov.grants.api.errors;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;

import org.eclipse.jetty.http.HttpField;
import org.eclipse.jetty.http.HttpFields;
import org.eclipse.jetty.http.HttpHeader;
import org.eclipse.jetty.http.HttpStatus;
import org.eclipse.jetty.server.Request;
import org.eclipse.jetty.server.Response;
import org.eclipse.jetty.server.handler.ErrorHandler;
import org.eclipse.jetty.util.Callback;

/**
 * Problem+json for the errors Jetty answers itself, before a request reaches Jersey: a malformed URI, headers
 * too large, an unparseable request. Never a stack trace, never HTML.
 */
public final class ProblemErrorHandler extends ErrorHandler {
    private static final String PROBLEM_JSON = "application/problem+json";

    /** Jetty writes a body only for GET, POST and HEAD by default; every error here is a problem, whatever the method. */
    @Override
    public boolean errorPageForMethod(String method) {
        return true;
    }

    @Override
    protected void generateResponse(Request request, Response response, int code, String message, Throwable cause,
                                    Callback callback) {
        response.getHeaders().put(HttpHeader.CONTENT_TYPE, PROBLEM_JSON);
        response.write(true, ByteBuffer.wrap(body(code)), callback);
    }

    /** Jetty 12.1 still answers unparseable requests (e.g. 431) through this method, deprecated or not. */
    @Override
    @SuppressWarnings("removal")
    public ByteBuffer badMessageError(int status, String reason, HttpFields.Mutable fields) {
        fields.put(new HttpField(HttpHeader.CONTENT_TYPE, PROBLEM_JSON));
        return ByteBuffer.wrap(body(status));
    }

    private static byte[] body(int code) {
        String title = HttpStatus.getMessage(code);
        String detail = code == 431 ? "The request headers are too large"
                : code == 400 ? "The request could not be understood (for example, a malformed URI)"
                : title;
        return ("{\"type\":\"" + Problems.TYPE_BASE + "http-" + code + "\",\"title\":\"" + title + "\",\"status\":"
                + code + ",\"detail\":\"" + detail + "\"}").getBytes(StandardCharsets.UTF_8);
    }
}
