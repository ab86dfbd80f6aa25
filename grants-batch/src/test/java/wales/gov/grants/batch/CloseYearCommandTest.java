package wales.gov.grants.batch;

import java.nio.file.Path;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import wales.gov.grants.awards.Award;
import wales.gov.grants.awards.AwardStatus;
import wales.gov.grants.awards.AwardTransition;
import wales.gov.grants.claims.Claim;
import wales.gov.grants.claims.ClaimStatus;
import wales.gov.grants.claims.ClaimTransition;
import wales.gov.grants.claims.NewAdjustment;
import wales.gov.grants.claims.NewClaim;
import wales.gov.grants.claims.NewPayment;
import wales.gov.grants.kernel.Actor;
import wales.gov.grants.kernel.FinancialYear;
import wales.gov.grants.kernel.Role;
import wales.gov.grants.schemes.NewScheme;
import wales.gov.grants.schemes.Scheme;
import wales.gov.grants.testing.Fixtures;
import wales.gov.grants.testing.TestClock;
import wales.gov.grants.users.User;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * close-year on the real database: each test makes its awards in a financial year of its own, so that closing "the
 * whole year" closes only them.
 */
class CloseYearCommandTest {
    private final TestClock clock = new TestClock();
    private final Fixtures fixtures = Fixtures.onTestDatabase(clock);
    private final User managerUser = fixtures.user(Role.GRANT_MANAGER, null);
    private final Actor manager = managerUser.asActor();
    private final Actor cardiff = fixtures.recipient(fixtures.cardiff());
    private final Actor finance1 = fixtures.actor(Role.FINANCE_OFFICER);
    private final Actor finance2 = fixtures.actor(Role.FINANCE_OFFICER);
    private BatchJobs jobs;

    @TempDir
    Path directory;

    @BeforeEach
    void jobs() {
        jobs = new BatchJobs(clock, directory, "");
    }

    @AfterEach
    void noClosedAwardLeftWithoutItsUnderspend() {
        long withoutUnderspend = fixtures.jdbi().withHandle(handle -> handle.createQuery(
                "SELECT count(*) FROM awards WHERE status = 'CLOSED' AND underspend_pence IS NULL")
                .mapTo(Long.class).one());
        assertThat(withoutUnderspend).isZero();
    }

    @Test
    void closesEveryActiveAwardOfTheYearWithTheSameResultAsTheApiClose() {
        String year = BatchJobs.freshFinancialYear();
        Award overpaid = overpaidAward(year);
        Award untouched = activeAward(scheme(year), "2500.00");
        Award offered = fixtures.award(manager, scheme(year), fixtures.cardiff(), "100.00");
        fixtures.awards().transition(manager, offered.id(), AwardTransition.OFFER);
        Award twin = overpaidAward(BatchJobs.freshFinancialYear());
        fixtures.awards().close(manager, twin.id());

        BatchJobs.Result result = jobs.run("close-year", "--financial-year", year, "--as", managerUser.username());

        assertThat(result.succeeded()).as(result.err()).isTrue();
        assertThat(result.linesWith(overpaid.id().toString())).singleElement().asString()
                .startsWith("closed").contains("W06000015 Cardiff", "amount 1000.00", "paid 100.00",
                        "underspend 930.00", "recovery due 30.00");
        assertThat(result.linesWith(untouched.id().toString())).singleElement().asString()
                .startsWith("closed").contains("underspend 2500.00", "recovery due 0.00");
        assertThat(result.out()).contains("not ACTIVE, left alone: 1 OFFERED")
                .contains("done 2, skipped 0, failed 0 in ")
                .contains("recorded: underspend 3430.00, recoveries raised at close 0.00, recovery due 30.00");

        Award closed = fixtures.awards().get(manager, overpaid.id());
        Award closedByTheApi = fixtures.awards().get(manager, twin.id());
        assertThat(closed.status()).isEqualTo(AwardStatus.CLOSED);
        assertThat(closed.underspendAtClose()).isEqualTo(closedByTheApi.underspendAtClose());
        assertThat(closed.paid()).isEqualTo(closedByTheApi.paid());
        assertThat(closed.recovered()).isEqualTo(closedByTheApi.recovered());
        assertThat(recoveries(overpaid)).isEqualTo(recoveries(twin));
        assertThat(closeEvent(overpaid)).isEqualTo(closeEvent(twin));
        assertThat(closeEvent(overpaid).get("actor_username")).isEqualTo(managerUser.username());
        assertThat(fixtures.awards().get(manager, offered.id()).status()).isEqualTo(AwardStatus.OFFERED);
    }

    @Test
    void leavesAwardsWithUndecidedOrUnpaidClaimsOpenUnlessTheyAreIncluded() {
        String year = BatchJobs.freshFinancialYear();
        Scheme scheme = scheme(year);
        Award submitted = activeAward(scheme, "1000.00");
        Claim waiting = submit(claim(submitted, year, 0, "100.00"));
        Award queried = activeAward(scheme, "1000.00");
        Claim question = fixtures.claims().transition(finance1, submit(claim(queried, year, 0, "100.00")).id(),
                ClaimTransition.QUERY, "Which schools?");
        Award unpaid = activeAward(scheme, "1000.00");
        fixtures.approve(finance1, submit(claim(unpaid, year, 0, "100.00")));
        Award draftOnly = activeAward(scheme, "1000.00");
        claim(draftOnly, year, 0, "100.00");

        BatchJobs.Result first = jobs.run("close-year", "--financial-year", year, "--as", managerUser.username());

        assertThat(first.succeeded()).as(first.err()).isTrue();
        assertThat(first.linesWith(submitted.id().toString())).singleElement().asString()
                .startsWith("left open").contains("1 undecided (SUBMITTED or QUERIED)");
        assertThat(first.linesWith(queried.id().toString())).singleElement().asString()
                .startsWith("left open").contains("1 undecided (SUBMITTED or QUERIED)");
        assertThat(first.linesWith(unpaid.id().toString())).singleElement().asString()
                .startsWith("left open").contains("1 approved and not fully paid");
        assertThat(first.linesWith(draftOnly.id().toString())).singleElement().asString().startsWith("closed");
        assertThat(first.out()).contains("done 1, skipped 3, failed 0");
        assertThat(fixtures.awards().get(manager, submitted.id()).status()).isEqualTo(AwardStatus.ACTIVE);

        BatchJobs.Result included = jobs.run("close-year", "--financial-year", year, "--as",
                managerUser.username(), "--include-undecided");

        assertThat(included.succeeded()).as(included.err()).isTrue();
        assertThat(included.linesWith(submitted.id().toString())).singleElement().asString().startsWith("closed")
                .contains("left unfinished, never to be decided or paid: 1 claim(s)");
        assertThat(included.out()).contains("done 3, skipped 1, failed 0");
        assertThat(fixtures.awards().get(manager, queried.id()).status()).isEqualTo(AwardStatus.CLOSED);
        // the close rule leaves them as they were: they can no longer be decided
        assertThat(fixtures.claims().get(manager, waiting.id()).claim().status()).isEqualTo(ClaimStatus.SUBMITTED);
        assertThat(fixtures.claims().get(manager, question.id()).claim().status()).isEqualTo(ClaimStatus.QUERIED);
    }

    @Test
    void aDryRunPrintsWhatTheCloseWouldRecordAndChangesNothing() {
        String year = BatchJobs.freshFinancialYear();
        Award overpaid = overpaidAward(year);
        Award waiting = activeAward(scheme(year), "1000.00");
        submit(claim(waiting, year, 0, "100.00"));
        Snapshot before = snapshot();

        BatchJobs.Result dryRun = jobs.run("close-year", "--financial-year", year, "--as", managerUser.username(),
                "--dry-run");

        assertThat(dryRun.succeeded()).as(dryRun.err()).isTrue();
        assertThat(snapshot()).isEqualTo(before);
        assertThat(dryRun.out()).contains("dry run, nothing is changed")
                .contains("would record: underspend 930.00, recoveries raised at close 0.00, recovery due 30.00");
        String wouldClose = dryRun.linesWith(overpaid.id().toString()).get(0);
        assertThat(wouldClose).startsWith("would close").contains("amount 1000.00", "paid 100.00",
                "underspend 930.00", "recovery due 30.00");
        assertThat(dryRun.linesWith(waiting.id().toString())).singleElement().asString().startsWith("left open");

        BatchJobs.Result real = jobs.run("close-year", "--financial-year", year, "--as", managerUser.username());
        String closed = real.linesWith(overpaid.id().toString()).get(0);
        assertThat(closed.substring("closed".length()).strip())
                .isEqualTo(wouldClose.substring("would close".length()).strip());
    }

    @Test
    void aReRunSkipsTheAwardsAlreadyClosedAndChangesNothing() {
        String year = BatchJobs.freshFinancialYear();
        Scheme scheme = scheme(year);
        Award first = activeAward(scheme, "1000.00");
        Award second = activeAward(scheme, "2000.00");
        fixtures.awards().close(manager, second.id());
        assertThat(jobs.run("close-year", "--financial-year", year, "--as", managerUser.username()).out())
                .contains("done 1, skipped 1, failed 0");
        Snapshot closed = snapshot();

        BatchJobs.Result again = jobs.run("close-year", "--financial-year", year, "--as", managerUser.username());

        assertThat(again.succeeded()).as(again.err()).isTrue();
        assertThat(again.linesWith(first.id().toString())).singleElement().asString()
                .startsWith("skipped").contains("already closed on " + LocalDate.of(2020, 4, 15));
        assertThat(again.out()).contains("done 0, skipped 2, failed 0");
        assertThat(snapshot()).isEqualTo(closed);
    }

    @Test
    void twoRunsRacingCloseEachAwardOnce() throws Exception {
        String year = BatchJobs.freshFinancialYear();
        Scheme scheme = scheme(year);
        List<Award> awards = new ArrayList<>();
        for (int index = 0; index < 8; index++) {
            awards.add(activeAward(scheme, "100.00"));
        }
        CountDownLatch start = new CountDownLatch(1);
        Callable<BatchJobs.Result> run = () -> {
            start.await();
            return jobs.run("close-year", "--financial-year", year, "--as", managerUser.username());
        };
        ExecutorService pool = Executors.newFixedThreadPool(2);
        try {
            Future<BatchJobs.Result> one = pool.submit(run);
            Future<BatchJobs.Result> other = pool.submit(run);
            start.countDown();
            List<BatchJobs.Result> results = List.of(one.get(2, TimeUnit.MINUTES), other.get(2, TimeUnit.MINUTES));

            long closedLines = 0;
            for (BatchJobs.Result result : results) {
                assertThat(result.succeeded()).as(result.err()).isTrue();
                assertThat(result.out()).contains("failed 0");
                closedLines += result.out().lines().filter(line -> line.startsWith("closed")).count();
            }
            assertThat(closedLines).isEqualTo(awards.size());
        } finally {
            pool.shutdownNow();
        }
        for (Award award : awards) {
            long closes = fixtures.jdbi().withHandle(handle -> handle.createQuery(
                    "SELECT count(*) FROM audit_events WHERE award_id = :award AND action = 'AWARD_CLOSED'")
                    .bind("award", award.id().value()).mapTo(Long.class).one());
            assertThat(closes).as("closes of award " + award.id()).isEqualTo(1);
        }
    }

    @Test
    void refusesARecipientOrAnUnknownUserInOneLine() {
        User recipient = fixtures.user(Role.RECIPIENT, fixtures.cardiff());
        BatchJobs.Result result = jobs.run("close-year", "--financial-year", "2019-20", "--as",
                recipient.username());
        assertThat(result.failure()).isPresent();
        assertThat(result.err().strip()).isEqualTo("close-year failed: --as " + recipient.username()
                + ": the user is a RECIPIENT; close-year is done by a GRANT_MANAGER");

        BatchJobs.Result unknown = jobs.run("close-year", "--financial-year", "2019-20", "--as", "nobody-here");
        assertThat(unknown.err().strip()).isEqualTo("close-year failed: --as nobody-here: there is no such user");

        BatchJobs.Result badYear = jobs.run("close-year", "--financial-year", "2019-21", "--as",
                managerUser.username());
        assertThat(badYear.err().strip()).startsWith("close-year failed: --financial-year 2019-21: ")
                .doesNotContain("\n");
    }

    /** An award of 1000.00 with a claim of 100.00 approved, paid, then reduced by 30.00: 30.00 to recover. */
    private Award overpaidAward(String year) {
        Award award = activeAward(scheme(year), "1000.00");
        Claim approved = fixtures.approve(finance1, submit(claim(award, year, 0, "100.00")));
        fixtures.claims().pay(finance1, approved.id(), new NewPayment("100.00", clock.today().toString(),
                "BACS-" + UUID.randomUUID().toString().substring(0, 8)));
        fixtures.claims().adjust(finance2, approved.id(), new NewAdjustment("30.00",
                "Monitoring visit: one purchase was not for a looked-after child"));
        return award;
    }

    private Scheme scheme(String year) {
        return fixtures.schemes().create(manager, new NewScheme(
                Fixtures.unique("CY").toUpperCase().replaceAll("[^A-Z0-9]", ""), "Test scheme", "Cynllun prawf",
                year, "100000.00", "50000.00"));
    }

    private Award activeAward(Scheme scheme, String amount) {
        return fixtures.activeAward(manager, scheme, fixtures.cardiff(), amount, cardiff);
    }

    /** A draft claim for the {@code quarter}th quarter (0 to 3) of {@code year}. */
    private Claim claim(Award award, String year, int quarter, String amount) {
        LocalDate start = FinancialYear.parse(year).firstDay().plusMonths(3L * quarter);
        return fixtures.claims().create(cardiff, award.id(), new NewClaim(start.toString(),
                start.plusMonths(3).minusDays(1).toString(),
                List.of(new NewClaim.NewClaimLine("PDG Access", "School uniform and equipment", amount))));
    }

    private Claim submit(Claim draft) {
        return fixtures.claims().transition(cardiff, draft.id(), ClaimTransition.SUBMIT, null);
    }

    private List<Map<String, Object>> recoveries(Award award) {
        return fixtures.jdbi().withHandle(handle -> handle.createQuery("""
                SELECT amount_pence, received_pence, reason, claim_id IS NULL AS at_close FROM recoveries
                WHERE award_id = :award ORDER BY raised_at""")
                .bind("award", award.id().value()).mapToMap().list());
    }

    private Map<String, Object> closeEvent(Award award) {
        return fixtures.jdbi().withHandle(handle -> handle.createQuery("""
                SELECT actor_username, actor_role, before_state::text AS before, after_state::text AS after
                FROM audit_events WHERE award_id = :award AND action = 'AWARD_CLOSED'""")
                .bind("award", award.id().value()).mapToMap().one());
    }

    /** Everything a close changes: the awards, claims, recoveries and the audit trail (all of it, not only ours). */
    private record Snapshot(List<Map<String, Object>> awards, List<Map<String, Object>> claims,
                            List<Map<String, Object>> recoveries, long auditEvents, String lastEventHash) {
    }

    private Snapshot snapshot() {
        return fixtures.jdbi().withHandle(handle -> new Snapshot(
                handle.createQuery("SELECT * FROM awards ORDER BY id").mapToMap().list(),
                handle.createQuery("SELECT id, status, eligible_pence, paid_pence FROM claims ORDER BY id")
                        .mapToMap().list(),
                handle.createQuery("SELECT * FROM recoveries ORDER BY id").mapToMap().list(),
                handle.createQuery("SELECT count(*) FROM audit_events").mapTo(Long.class).one(),
                handle.createQuery("SELECT max(id)::text FROM audit_events").mapTo(String.class).one()));
    }
}
