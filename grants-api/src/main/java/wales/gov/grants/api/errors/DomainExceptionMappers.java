package wales.gov.grants.api.errors;

import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.ext.ExceptionMapper;
import wales.gov.grants.domain.NotFoundException;
import wales.gov.grants.domain.PermissionDeniedException;
import wales.gov.grants.domain.RuleViolationException;
import wales.gov.grants.domain.StateConflictException;
import wales.gov.grants.domain.ValidationException;
import wales.gov.grants.service.TooManyAttemptsException;

/** One mapper per kind of domain refusal, each to its status. */
public final class DomainExceptionMappers {
    private DomainExceptionMappers() {
    }

    public static Object[] all() {
        return new Object[] {new NotFound(), new Forbidden(), new Conflict(), new RuleViolation(), new Invalid(),
                new Throttled()};
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
            return Problems.response(409, "state-conflict", "Conflict", exception.getMessage());
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
}
