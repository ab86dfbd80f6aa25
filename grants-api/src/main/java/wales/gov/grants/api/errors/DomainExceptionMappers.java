package wales.gov.grants.api.errors;

import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.ext.ExceptionMapper;
import wales.gov.grants.kernel.ContentTooLargeException;
import wales.gov.grants.kernel.MalformedRequestException;
import wales.gov.grants.kernel.NotFoundException;
import wales.gov.grants.kernel.PermissionDeniedException;
import wales.gov.grants.kernel.RuleViolationException;
import wales.gov.grants.kernel.StateConflictException;
import wales.gov.grants.kernel.UnsupportedContentException;
import wales.gov.grants.kernel.ValidationException;
import wales.gov.grants.users.TooManyAttemptsException;

/** One mapper per kind of domain refusal, each to its status. */
public final class DomainExceptionMappers {
    private DomainExceptionMappers() {
    }

    public static Object[] all() {
        return new Object[] {new NotFound(), new Forbidden(), new Conflict(), new RuleViolation(), new Invalid(),
                new Throttled(), new TooLarge(), new UnsupportedContent(), new Malformed()};
    }

    public static final class NotFound implements ExceptionMapper<NotFoundException> {
        @Override
        public Response toResponse(NotFoundException exception) {
            return Problems.response(404, "not-found", "Not Found", exception.getMessage());
        }
    }

    public static final class Forbidden implements ExceptionMapper<PermissionDeniedException> {
        @Override
        public Response toResponse(PermissionDeniedException exception) {
            return Problems.response(403, "forbidden", "Forbidden", exception.getMessage());
        }
    }

    public static final class Conflict implements ExceptionMapper<StateConflictException> {
        @Override
        public Response toResponse(StateConflictException exception) {
            return Problems.response(409, exception.conflict(), "Conflict", exception.getMessage());
        }
    }

    public static final class RuleViolation implements ExceptionMapper<RuleViolationException> {
        @Override
        public Response toResponse(RuleViolationException exception) {
            return Problems.response(422, exception.rule(), "Unprocessable Content", exception.getMessage());
        }
    }

    public static final class Invalid implements ExceptionMapper<ValidationException> {
        @Override
        public Response toResponse(ValidationException exception) {
            return Problems.response(422, "validation", "Unprocessable Content", exception.getMessage(),
                    exception.errors().stream()
                            .map(error -> new Problem.FieldProblem(error.field(), error.message()))
                            .toList());
        }
    }

    public static final class Throttled implements ExceptionMapper<TooManyAttemptsException> {
        @Override
        public Response toResponse(TooManyAttemptsException exception) {
            return Response.fromResponse(Problems.response(429, "too-many-attempts", "Too Many Requests",
                            exception.getMessage()))
                    .header("Retry-After", Math.max(1, exception.retryAfter().toSeconds()))
                    .build();
        }
    }

    public static final class TooLarge implements ExceptionMapper<ContentTooLargeException> {
        @Override
        public Response toResponse(ContentTooLargeException exception) {
            // the rest of the body is never read, so the connection cannot be reused
            return Response.fromResponse(Problems.response(413, "too-large", "Content Too Large",
                            exception.getMessage()))
                    .header("Connection", "close")
                    .build();
        }
    }

    public static final class UnsupportedContent implements ExceptionMapper<UnsupportedContentException> {
        @Override
        public Response toResponse(UnsupportedContentException exception) {
            return Problems.response(415, "unsupported-file-type", "Unsupported Media Type", exception.getMessage());
        }
    }

    public static final class Malformed implements ExceptionMapper<MalformedRequestException> {
        @Override
        public Response toResponse(MalformedRequestException exception) {
            return Problems.response(400, "malformed-request", "Bad Request", exception.getMessage());
        }
    }
}
