package wales.gov.grants.batch;

import java.io.ByteArrayInputStream;
import java.math.BigDecimal;
import java.nio.file.Path;
import java.time.Instant;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import wales.gov.grants.awards.Award;
import wales.gov.grants.awards.AwardTransition;
import wales.gov.grants.claims.Claim;
import wales.gov.grants.claims.ClaimTransition;
import wales.gov.grants.claims.NewClaim;
import wales.gov.grants.evidence.EvidenceService;
import wales.gov.grants.evidence.EvidenceStorage;
import wales.gov.grants.kernel.Actor;
import wales.gov.grants.kernel.Role;
import wales.gov.grants.organisations.Organisation;
import wales.gov.grants.organisations.OrganisationDao;
import wales.gov.grants.outcomes.NewOutcomeReport;
import wales.gov.grants.schemes.Scheme;
import wales.gov.grants.testing.Fixtures;
import wales.gov.grants.testing.SampleFiles;
import wales.gov.grants.testing.TestClock;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.tuple;

/**
 * reminders on the real database. Each test's awards go to an organisation of its own, made for it, so that its
 * assertions see only its reminders; the awards are made early in 2019-20, on a clock the test moves through the year.
 */
class RemindersCommandTest {
    private final TestClock clock = new TestClock(Instant.parse("2019-04-10T09:00:00Z"));
    private final Fixtures fixtures = Fixtures.onTestDatabase(clock);
    private final Actor manager = fixtures.actor(Role.GRANT_MANAGER);
    private final Actor finance = fixtures.actor(Role.FINANCE_OFFICER);

    @TempDir
    Path directory;

    @Test
    void findsEachKindOfReminderAndWritesEachOnce() {
        Story story = story();
        BatchJobs.Result result = new BatchJobs(clock, directory, "").run("reminders", "--as-of", "2020-05-15");

        assertThat(result.succeeded()).as(result.err()).isTrue();
        assertThat(reminders(story.organisation())).containsExactlyInAnyOrder(
                tuple("CLAIM_OVERDUE", story.unsupported().id().toString(), "2019-20 Q2"),
                tuple("CLAIM_OVERDUE", story.unsupported().id().toString(), "2019-20 Q3"),
                tuple("CLAIM_OVERDUE", story.unsupported().id().toString(), "2019-20 Q4"),
                tuple("CLAIM_OVERDUE", story.supported().id().toString(), "2019-20 Q2"),
                tuple("CLAIM_OVERDUE", story.supported().id().toString(), "2019-20 Q3"),
                tuple("CLAIM_OVERDUE", story.supported().id().toString(), "2019-20 Q4"),
                tuple("EVIDENCE_MISSING", story.claimWithoutEvidence().id().toString(), "2019-20"),
                tuple("OUTCOME_RETURN_DUE", story.unreportedTarget(), "2019-20"),
                tuple("OFFER_NOT_ACCEPTED", story.offered().id().toString(), "2019-20"));

        Organisation organisation = story.organisation();
        assertThat(result.out()).contains(organisation.nameEn() + " / " + organisation.nameCy() + " ("
                + organisation.code() + "): 9 new");
        assertThat(result.out()).contains("    en: Test scheme: the claim for quarter 2 of 2019-20 (1 July 2019 to "
                + "30 September 2019) was due by 30 October 2019 and has not been submitted.");
        assertThat(result.out()).contains("    cy: Cynllun prawf: roedd yr hawliad ar gyfer chwarter 2 2019-20 (1 "
                + "Gorffennaf 2019 i 30 Medi 2019) i fod i law erbyn 30 Hydref 2019 ac nid yw wedi'i gyflwyno.");
        assertThat(result.linesWith(story.offered().id().toString())).singleElement().asString()
                .contains("OFFER_NOT_ACCEPTED", "2019-20  due 2019-08-02");
        assertThat(result.linesWith("claim " + story.claimWithoutEvidence().id() + " of award "
                + story.unsupported().id())).hasSize(1);

        BatchJobs.Result again = new BatchJobs(clock, directory, "").run("reminders", "--as-of", "2020-05-15");
        assertThat(again.succeeded()).as(again.err()).isTrue();
        assertThat(again.out()).doesNotContain(organisation.code()).contains("no new reminders (");
        assertThat(reminders(organisation)).hasSize(9);
    }

    @Test
    void aLaterRunWritesOnlyWhatHasBecomeDueSince() {
        Story story = story();
        BatchJobs jobs = new BatchJobs(clock, directory, "");

        BatchJobs.Result autumn = jobs.run("reminders", "--as-of", "2019-10-31");
        assertThat(autumn.succeeded()).as(autumn.err()).isTrue();
        assertThat(reminders(story.organisation())).extracting(row -> row.toList().get(2))
                .containsExactlyInAnyOrder("2019-20 Q2", "2019-20 Q2", "2019-20", "2019-20");

        BatchJobs.Result spring = jobs.run("reminders", "--as-of", "2020-05-15");
        assertThat(spring.out()).contains(story.organisation().code() + "): 5 new");
        assertThat(spring.linesWith("2019-20 Q2")).noneMatch(line -> line.contains(story.supported().id().toString()));
        assertThat(reminders(story.organisation())).hasSize(9);
    }

    @Test
    void twoRunsRacingWriteEachReminderOnce() throws Exception {
        Story story = story();
        BatchJobs jobs = new BatchJobs(clock, directory, "");
        CountDownLatch start = new CountDownLatch(1);
        Callable<BatchJobs.Result> run = () -> {
            start.await();
            return jobs.run("reminders", "--as-of", "2020-05-15");
        };
        ExecutorService pool = Executors.newFixedThreadPool(2);
        try {
            Future<BatchJobs.Result> one = pool.submit(run);
            Future<BatchJobs.Result> other = pool.submit(run);
            start.countDown();
            int written = 0;
            for (BatchJobs.Result result : List.of(one.get(2, TimeUnit.MINUTES), other.get(2, TimeUnit.MINUTES))) {
                assertThat(result.succeeded()).as(result.err()).isTrue();
                written += newFor(result, story.organisation());
            }
            assertThat(written).isEqualTo(9);
        } finally {
            pool.shutdownNow();
        }
        assertThat(reminders(story.organisation())).hasSize(9).doesNotHaveDuplicates();
    }

    @Test
    void theDaysAllowedComeFromTheRemindersSection() {
        Organisation organisation = organisation();
        Actor recipient = fixtures.recipient(organisation);
        Award award = fixtures.activeAward(manager, fixtures.scheme(manager, "10000.00", "5000.00"), organisation,
                "1000.00", recipient);

        BatchJobs.Result result = new BatchJobs(clock, directory, "reminders:\n  claimDueDays: 200\n"
                + "  outcomeReturnDueDays: 60\n").run("reminders", "--as-of", "2020-05-15");

        assertThat(result.succeeded()).as(result.err()).isTrue();
        // Q2 ended on 30 September 2019: due 200 days later, on 17 April 2020; Q3's falls in July; the return in May
        assertThat(reminders(organisation)).containsExactlyInAnyOrder(
                tuple("CLAIM_OVERDUE", award.id().toString(), "2019-20 Q1"),
                tuple("CLAIM_OVERDUE", award.id().toString(), "2019-20 Q2"));

        BatchJobs.Result refused = new BatchJobs(clock, directory, "reminders:\n  claimDueDays: -1\n")
                .run("reminders");
        assertThat(refused.failure()).isPresent();
        assertThat(refused.err()).contains("reminders.claimDueDays");
    }

    @Test
    void aDateThatIsNotADateIsRefusedInOneLine() {
        BatchJobs.Result result = new BatchJobs(clock, directory, "").run("reminders", "--as-of", "31/03/2020");
        assertThat(result.failure()).isPresent();
        assertThat(result.err().strip())
                .isEqualTo("reminders failed: --as-of 31/03/2020: must be a date such as 2020-04-15");
    }

    /**
     * Two awards accepted on 10 April 2019, each with its Q1 claim approved (one with evidence and an outcome
     * reported, one with neither, and a draft for Q3) and no claim for Q2 to Q4; and an offer never accepted.
     */
    private Story story() {
        Organisation organisation = organisation();
        Actor recipient = fixtures.recipient(organisation);
        Scheme scheme = fixtures.scheme(manager, "100000.00", "50000.00");
        Award unsupported = fixtures.activeAward(manager, scheme, organisation, "10000.00", recipient);
        Award supported = fixtures.activeAward(manager, scheme, organisation, "10000.00", recipient);
        clock.set(Instant.parse("2019-07-05T10:00:00Z"));
        Award offered = fixtures.award(manager, scheme, organisation, "500.00");
        fixtures.awards().transition(manager, offered.id(), AwardTransition.OFFER);

        Claim claimWithoutEvidence = approvedClaim(recipient, unsupported, "2019-04-01", "2019-06-30");
        claim(recipient, unsupported, "2019-10-01", "2019-12-31");
        Claim claimWithEvidence = approvedClaim(recipient, supported, "2019-04-01", "2019-06-30");
        EvidenceService evidence = fixtures.services(new EvidenceStorage(directory.resolve("evidence"), 10_000_000))
                .evidence();
        evidence.upload(recipient, supported.id(), evidence.stage(new ByteArrayInputStream(SampleFiles.pdf())),
                new EvidenceService.NewEvidence("invoice.pdf", "Invoice for uniforms",
                        claimWithEvidence.id().toString(), null), null);
        fixtures.services().outcomes().report(recipient, supported.id(), new NewOutcomeReport(
                "care-leavers-supported", "2019-06-30", new BigDecimal("41"), "Q1"));
        String unreportedTarget = fixtures.jdbi().withHandle(handle -> handle.createQuery(
                "SELECT id::text FROM outcome_targets WHERE award_id = :award")
                .bind("award", unsupported.id().value()).mapTo(String.class).one());
        clock.set(Instant.parse("2020-05-15T09:00:00Z"));
        return new Story(organisation, unsupported, supported, offered, claimWithoutEvidence, unreportedTarget);
    }

    private record Story(Organisation organisation, Award unsupported, Award supported, Award offered,
                         Claim claimWithoutEvidence, String unreportedTarget) {
    }

    private Claim approvedClaim(Actor recipient, Award award, String start, String end) {
        Claim draft = claim(recipient, award, start, end);
        Claim submitted = fixtures.claims().transition(recipient, draft.id(), ClaimTransition.SUBMIT, null);
        return fixtures.approve(finance, submitted);
    }

    private Claim claim(Actor recipient, Award award, String start, String end) {
        return fixtures.claims().create(recipient, award.id(), new NewClaim(start, end,
                List.of(new NewClaim.NewClaimLine("PDG Access", "School uniform and equipment", "100.00"))));
    }

    /** An organisation of this test's own, with a Welsh name the Latin-1 fonts could not show. */
    private Organisation organisation() {
        String code = Fixtures.unique("T").toUpperCase().replaceAll("[^A-Z0-9]", "");
        fixtures.jdbi().useExtension(OrganisationDao.class, organisations -> organisations.insertIfAbsent(code,
                "Test Council " + code, "Cyngor Prawf Gŵyr " + code, "OTHER"));
        return fixtures.organisation(code);
    }

    private List<org.assertj.core.groups.Tuple> reminders(Organisation organisation) {
        return fixtures.jdbi().withHandle(handle -> handle.createQuery("""
                SELECT kind, subject_id::text AS subject, period FROM reminders
                WHERE organisation_id = :organisation ORDER BY kind, subject_id, period""")
                .bind("organisation", organisation.id().value())
                .map((row, context) -> tuple(row.getString("kind"), row.getString("subject"), row.getString("period")))
                .list());
    }

    private static int newFor(BatchJobs.Result result, Organisation organisation) {
        Matcher matcher = Pattern.compile(Pattern.quote("(" + organisation.code() + "): ") + "([0-9]+) new")
                .matcher(result.out());
        return matcher.find() ? Integer.parseInt(matcher.group(1)) : 0;
    }
}
