package wales.gov.grants.batch.cli;

import java.io.PrintStream;
import java.time.Clock;

import net.sourceforge.argparse4j.inf.Namespace;
import wales.gov.grants.audit.AuditProblem;
import wales.gov.grants.audit.AuditVerification;
import wales.gov.grants.batch.GrantsBatchConfiguration;
import wales.gov.grants.wiring.GrantsServices;

/**
 * {@code verify-audit <config.yml>}: recomputes every hash chain of the audit trail and checks the signed
 * checkpoints, as {@code GET /api/v1/audit/verify} does; exits 1 if anything is broken, naming the first event.
 */
public final class VerifyAuditCommand extends ServicesCommand {
    public VerifyAuditCommand(PrintStream out, Clock clock) {
        super("verify-audit", "recompute every audit chain and check the signed checkpoints; exit 1 if broken", out,
                clock);
    }

    @Override
    protected void run(GrantsServices services, GrantsBatchConfiguration configuration, Namespace namespace,
                       PrintStream out) {
        AuditVerification verification = services.verifier().verifyAll();
        String checkpoint = verification.latestCheckpoint()
                .map(latest -> "latest signed checkpoint " + latest.sequence() + " at " + latest.at() + " (key "
                        + latest.keyId() + ")")
                .orElse("no signed checkpoint yet");
        if (verification.valid()) {
            out.println("Audit trail intact: " + verification.eventsChecked() + " events in "
                    + verification.chainsChecked() + " chains; " + checkpoint);
            return;
        }
        for (AuditProblem problem : verification.problems()) {
            out.println("chain " + problem.chainId() + (problem.eventId() == null ? "" : ", event " + problem.eventId())
                    + ": " + problem.description());
        }
        throw new JobFailedException("the audit trail is broken: first broken event "
                + (verification.firstBrokenEventId().isPresent() ? verification.firstBrokenEventId().getAsLong() : "-")
                + ", " + verification.problems().size() + " problem(s) listed above");
    }
}
