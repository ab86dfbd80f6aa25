package wales.gov.grants.api.openapi;

import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/**
 * The problem responses of an operation that its signature does not already say. {@link ApiDescription} derives
 * the usual ones (401 and 429 when signed in, 403 for {@code @RolesAllowed}, 404 for a path parameter, 422 for
 * query parameters and an {@code Idempotency-Key}, 400/413/415/422 for a request body, 409 for a change) and adds
 * these, each as {@code application/problem+json} with the shared {@code Problem} schema: a new endpoint needs only
 * {@code @ProblemResponses({422})} for, say, a rule its service enforces. On a class it applies to every method.
 */
@Retention(RetentionPolicy.RUNTIME)
@Target({ElementType.METHOD, ElementType.TYPE})
public @interface ProblemResponses {
    /** HTTP statuses (4xx or 5xx) the operation can answer with a problem, beyond the derived ones. */
    int[] value();
}
