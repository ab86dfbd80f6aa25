package wales.gov.grants.api.errors;

import java.util.concurrent.ThreadLocalRandom;

import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.ext.ExceptionMapper;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import wales.gov.grants.evidence.EvidenceUnavailableException;

/**
 * A recorded document whose file this server cannot read: 503 (the service, not the request, is at fault), with
 * an error id in the response and the cause in the log under that id, once and without a stack trace (the message
 * says which file and where it was looked for; the evidence-storage health check says why).
 */
public final class EvidenceUnavailableMapper implements ExceptionMapper<EvidenceUnavailableException> {
    private static final Logger LOG = LoggerFactory.getLogger(EvidenceUnavailableMapper.class);

    @Override
    public Response toResponse(EvidenceUnavailableException exception) {
        String errorId = Long.toHexString(ThreadLocalRandom.current().nextLong());
        LOG.error("Evidence unavailable, error id {}: {}", errorId, exception.getMessage());
        return Response.status(503)
                .type(Problems.PROBLEM_JSON)
                .entity(new Problem(Problems.TYPE_BASE + "evidence-unavailable", "Service Unavailable", 503,
                        "The document is recorded but its file cannot be read on this server; the operators "
                                + "have been told (quote error id " + errorId + ")", null, errorId))
                .build();
    }
}
