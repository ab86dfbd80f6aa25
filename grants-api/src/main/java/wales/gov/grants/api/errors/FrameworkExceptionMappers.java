package wales.gov.grants.api.errors;

import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ThreadLocalRandom;
import java.util.stream.Collectors;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.JsonStreamContext;
import com.fasterxml.jackson.core.exc.StreamReadException;
import com.fasterxml.jackson.databind.JsonMappingException;
import com.fasterxml.jackson.databind.exc.MismatchedInputException;
import com.fasterxml.jackson.databind.exc.UnrecognizedPropertyException;
import jakarta.validation.ConstraintViolation;
import jakarta.validation.ConstraintViolationException;
import jakarta.validation.Path;
import jakarta.ws.rs.WebApplicationException;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.ext.ExceptionMapper;
import org.eclipse.jetty.io.EofException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** Problem responses for what Jersey, Jackson and Bean Validation throw, and for anything unexpected. */
public final class FrameworkExceptionMappers {
    private static final Logger LOG = LoggerFactory.getLogger(FrameworkExceptionMappers.class);

    private FrameworkExceptionMappers() {
    }

    public static Object[] all() {
        return new Object[] {new WebApplication(), new Json(), new EarlyEof(), new ConstraintViolations(),
                new BodyTooLarge(), new BodyCharset(), new Unexpected()};
    }

    /** Jersey's own 404, 405, 406, 415 and the like. */
    public static final class WebApplication implements ExceptionMapper<WebApplicationException> {
        private final wales.gov.grants.api.web.Messages messages = new wales.gov.grants.api.web.Messages();

        @jakarta.ws.rs.core.Context
        private jakarta.servlet.http.HttpServletRequest request;

        @Override
        public Response toResponse(WebApplicationException exception) {
            Response original = exception.getResponse();
            int status = original.getStatus();
            if (status == 404 && request != null && wales.gov.grants.api.web.PageExceptionMapper.isPagePath(
                    request.getRequestURI())) {
                return wales.gov.grants.api.web.PageExceptionMapper.notFound(request, messages);
            }
            if (status >= 500) {
                return new Unexpected().toResponse(exception);
            }
            Response.StatusType statusType = original.getStatusInfo();
            String detail = switch (status) {
                case 404 -> "There is nothing at this path";
                case 405 -> "This path does not accept that method";
                case 406 -> "This path cannot answer in the media type asked for";
                case 415 -> "This path does not accept that media type (JSON, or multipart/form-data for uploads)";
                default -> exception.getMessage();
            };
            Response.ResponseBuilder builder = Response.fromResponse(
                    Problems.response(status, "http-" + status, statusType.getReasonPhrase(), detail));
            String allow = original.getHeaderString("Allow");
            if (allow != null) {
                builder.header("Allow", allow);
            }
            return builder.build();
        }
    }

    /** Malformed JSON is 400; well-formed JSON of the wrong shape or type is 422, naming the field. */
    public static final class Json implements ExceptionMapper<JsonProcessingException> {
        /** The request fields that carry money, across the API's bodies. */
        private static final Set<String> MONEY_FIELDS = Set.of("amount", "budget", "dualApprovalThreshold");

        @Override
        public Response toResponse(JsonProcessingException exception) {
            if (exception instanceof MismatchedInputException mismatch) {
                String field = path(mismatch);
                String message = mismatch instanceof UnrecognizedPropertyException
                        ? "is not a known field"
                        : "has the wrong type" + expected(mismatch, field);
                return Problems.response(422, "validation", "Unprocessable Content",
                        (field.isEmpty() ? "the request body" : field) + " " + message,
                        List.of(new Problem.FieldProblem(field.isEmpty() ? "body" : field, message)));
            }
            StreamReadException duplicate = duplicateField(exception);
            if (duplicate != null) {
                String field = duplicatePath(duplicate);
                String message = "is given more than once; send each field once";
                return Problems.response(400, "duplicate-field", "Bad Request", field + " " + message,
                        List.of(new Problem.FieldProblem(field, message)));
            }
            if (exception instanceof JsonMappingException mapping && !mapping.getPath().isEmpty()) {
                String field = path(mapping);
                return Problems.response(422, "validation", "Unprocessable Content", field + " is not valid",
                        List.of(new Problem.FieldProblem(field, "is not valid")));
            }
            return Problems.response(400, "malformed-json", "Bad Request",
                    "The request body is not well-formed JSON");
        }

        /** The parser's refusal of a repeated field, which a creator's deserializer may have wrapped. */
        private static StreamReadException duplicateField(Throwable exception) {
            for (Throwable cause = exception; cause != null; cause = cause.getCause()) {
                if (cause instanceof StreamReadException read && read.getOriginalMessage() != null
                        && read.getOriginalMessage().startsWith("Duplicate field")) {
                    return read;
                }
            }
            return null;
        }

        /** The duplicated field as a path ({@code outcomeTargets[0].measure}), from where the parser stopped. */
        private static String duplicatePath(StreamReadException exception) {
            StringBuilder path = new StringBuilder();
            JsonParser parser = exception.getProcessor();
            if (parser != null) {
                List<String> segments = new ArrayList<>();
                for (JsonStreamContext context = parser.getParsingContext(); context != null && !context.inRoot();
                     context = context.getParent()) {
                    if (context.inObject() && context.getCurrentName() != null) {
                        segments.add(0, "." + context.getCurrentName());
                    } else if (context.inArray()) {
                        segments.add(0, "[" + Math.max(0, context.getCurrentIndex()) + "]");
                    }
                }
                segments.forEach(path::append);
            }
            String field = path.length() > 0 && path.charAt(0) == '.' ? path.substring(1) : path.toString();
            return field.isEmpty() ? "body" : field;
        }

        /** What the field takes; for a money field, the reminder that money is a decimal string, never a number. */
        private static String expected(MismatchedInputException mismatch, String field) {
            Class<?> target = mismatch.getTargetType();
            if (target == null) {
                return "";
            }
            if (target == String.class) {
                return isMoney(field) ? "; expected a string (amounts are decimal strings such as \"1250.00\")"
                        : "; expected a string";
            }
            if (List.class.isAssignableFrom(target)) {
                return "; expected an array";
            }
            if (Number.class.isAssignableFrom(target) || target.isPrimitive()) {
                return "; expected a number";
            }
            return "; expected an object";
        }

        private static boolean isMoney(String field) {
            String name = field.substring(field.lastIndexOf('.') + 1).replaceAll("\\[\\d+]$", "");
            return MONEY_FIELDS.contains(name);
        }

        private static String path(JsonMappingException exception) {
            StringBuilder path = new StringBuilder();
            for (JsonMappingException.Reference reference : exception.getPath()) {
                if (reference.getFieldName() != null) {
                    if (!path.isEmpty()) {
                        path.append('.');
                    }
                    path.append(reference.getFieldName());
                } else if (reference.getIndex() >= 0) {
                    path.append('[').append(reference.getIndex()).append(']');
                }
            }
            return path.toString();
        }
    }

    /** A client that went away mid-body. */
    public static final class EarlyEof implements ExceptionMapper<EofException> {
        @Override
        public Response toResponse(EofException exception) {
            return Problems.response(400, "incomplete-body", "Bad Request", "The request body ended early");
        }
    }

    /** A body (of any framing) that went past the limit while it was read; the rest is never read. */
    public static final class BodyTooLarge implements ExceptionMapper<RequestBodyInterceptor.BodyTooLargeException> {
        @Override
        public Response toResponse(RequestBodyInterceptor.BodyTooLargeException exception) {
            return Response.fromResponse(Problems.response(413, "too-large", "Content Too Large",
                            exception.getMessage()))
                    .header("Connection", "close")
                    .build();
        }
    }

    public static final class BodyCharset implements ExceptionMapper<RequestBodyInterceptor.BodyCharsetException> {
        @Override
        public Response toResponse(RequestBodyInterceptor.BodyCharsetException exception) {
            return Problems.response(415, "unsupported-charset", "Unsupported Media Type", exception.getMessage());
        }
    }

    public static final class ConstraintViolations implements ExceptionMapper<ConstraintViolationException> {
        @Override
        public Response toResponse(ConstraintViolationException exception) {
            List<Problem.FieldProblem> errors = exception.getConstraintViolations().stream()
                    .map(violation -> new Problem.FieldProblem(field(violation), violation.getMessage()))
                    .sorted((left, right) -> left.field().compareTo(right.field()))
                    .toList();
            return Problems.response(422, "validation", "Unprocessable Content",
                    errors.stream().map(error -> error.field() + " " + error.message())
                            .collect(Collectors.joining("; ")), errors);
        }

        private static String field(ConstraintViolation<?> violation) {
            String last = "body";
            for (Path.Node node : violation.getPropertyPath()) {
                if (node.getKind() == jakarta.validation.ElementKind.PROPERTY) {
                    last = node.getName();
                }
            }
            return last;
        }
    }

    /** Anything unforeseen: log it under an id and tell the client only that id. */
    public static final class Unexpected implements ExceptionMapper<Throwable> {
        @Override
        public Response toResponse(Throwable exception) {
            String errorId = Long.toHexString(ThreadLocalRandom.current().nextLong());
            LOG.error("Unexpected error {}", errorId, exception);
            return Response.status(500)
                    .type(Problems.PROBLEM_JSON)
                    .entity(new Problem(Problems.TYPE_BASE + "internal-error", "Internal Server Error", 500,
                            "Something went wrong on our side; quote error id " + errorId, null, errorId))
                    .build();
        }
    }
}
