package wales.gov.grants.evidence;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import wales.gov.grants.awards.Award;
import wales.gov.grants.claims.Claim;
import wales.gov.grants.kernel.Actor;
import wales.gov.grants.kernel.ContentTooLargeException;
import wales.gov.grants.kernel.NotFoundException;
import wales.gov.grants.kernel.Page;
import wales.gov.grants.kernel.PermissionDeniedException;
import wales.gov.grants.kernel.Role;
import wales.gov.grants.kernel.RuleViolationException;
import wales.gov.grants.kernel.StateConflictException;
import wales.gov.grants.kernel.UnsupportedContentException;
import wales.gov.grants.kernel.ValidationException;
import wales.gov.grants.schemes.Scheme;
import wales.gov.grants.testing.Fixtures;
import wales.gov.grants.testing.SampleFiles;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class EvidenceServiceTest {
    private final Fixtures fixtures = Fixtures.onTestDatabase();
    private final Actor manager = fixtures.actor(Role.GRANT_MANAGER);
    private final Actor cardiff = fixtures.recipient(fixtures.cardiff());
    private final Actor finance = fixtures.actor(Role.FINANCE_OFFICER);

    @TempDir
    Path root;

    private EvidenceService service(long maxBytes) {
        return fixtures.services(new EvidenceStorage(root, maxBytes)).evidence();
    }

    private Award activeAward() {
        Scheme scheme = fixtures.scheme(manager, "1000.00", "500.00");
        return fixtures.activeAward(manager, scheme, fixtures.cardiff(), "500.00", cardiff);
    }

    /** Stages the form's file as a web layer would, then uploads it with the form's fields. */
    private static EvidenceService.Upload upload(EvidenceService evidence, Actor actor, Award award, Form form,
                                                 String key) {
        EvidenceStorage.StagedFile file = form.content == null
                ? null : evidence.stage(new ByteArrayInputStream(form.content));
        return evidence.upload(actor, award.id(), file, new EvidenceService.NewEvidence(form.filename,
                form.fields.get("title"), form.fields.get("claimId"), form.fields.get("supersedes")), key);
    }

    private static Form form(String title, String filename, byte[] content) {
        return new Form().field("title", title).file(filename, "application/octet-stream", content);
    }

    /** The fields and file of one upload. */
    private static final class Form {
        private final Map<String, String> fields = new HashMap<>();
        private String filename;
        private byte[] content;

        Form field(String name, String value) {
            fields.put(name, value);
            return this;
        }

        Form file(String name, String mediaType, byte[] bytes) {
            this.filename = name;
            this.content = bytes;
            return this;
        }
    }

    @Test
    void theSameContentUploadedTwiceIsStoredOnceAndRecordedTwice() throws IOException {
        EvidenceService evidence = service(10_000_000);
        Award award = activeAward();
        Evidence first = upload(evidence, cardiff, award, form("Invoice", "inv.pdf", SampleFiles.pdf()), null)
                .evidence();
        Evidence second = upload(evidence, cardiff, award, form("Invoice again", "inv2.pdf",
                SampleFiles.pdf()), null).evidence();
        assertThat(first.id()).isNotEqualTo(second.id());
        assertThat(first.sha256()).isEqualTo(second.sha256());
        assertThat(first.mediaType()).isEqualTo(EvidenceMediaType.PDF);
        assertThat(new EvidenceStorage(root, 1).storedHashes()).containsExactly(first.sha256());
        try (InputStream in = evidence.download(manager, first.id(), Set.of(), false).open()) {
            assertThat(in.readAllBytes()).isEqualTo(SampleFiles.pdf());
        }
        assertThat(auditActions(award)).containsSubsequence("EVIDENCE_UPLOADED", "EVIDENCE_UPLOADED",
                "EVIDENCE_DOWNLOADED");
    }

    @Test
    void aDatabaseFailureAfterTheFileWasPlacedLeavesNeitherRowNorFile() {
        EvidenceService evidence = service(10_000_000);
        Award award = activeAward();
        // a real database error raised by the INSERT, after the file has been moved into storage
        fixtures.jdbi().useHandle(handle -> handle.execute("""
                CREATE OR REPLACE FUNCTION evidence_test_failure() RETURNS trigger LANGUAGE plpgsql AS $$
                BEGIN
                    IF NEW.title = 'simulated database failure' THEN
                        RAISE EXCEPTION 'simulated failure' USING ERRCODE = 'XX000';
                    END IF;
                    RETURN NEW;
                END;
                $$"""));
        fixtures.jdbi().useHandle(handle -> handle.execute("""
                CREATE OR REPLACE TRIGGER tr_evidence_test_failure BEFORE INSERT ON evidence
                FOR EACH ROW EXECUTE FUNCTION evidence_test_failure()"""));
        byte[] unique = SampleFiles.utf8("unique content " + UUID.randomUUID() + "\n");
        assertThatThrownBy(() -> upload(evidence, cardiff, award, form("simulated database failure", "a.txt", unique), null))
                .hasMessageContaining("simulated failure");
        EvidenceStorage storage = new EvidenceStorage(root, 1);
        assertThat(storage.storedHashes()).isEmpty();
        assertThat(storage.temporaryFileCount()).isZero();
        assertThat(evidence.list(cardiff, award.id(), Page.Request.of(null, null)).total()).isZero();
    }

    @Test
    void theOrphanSweepRemovesOnlyFilesWithoutARow() throws IOException {
        EvidenceService evidence = service(10_000_000);
        Award award = activeAward();
        Evidence kept = upload(evidence, cardiff, award, form("Kept", "k.png", SampleFiles.png()), null)
                .evidence();
        String orphan = "ab".repeat(32);
        Path orphanFile = root.resolve("ab").resolve("ab").resolve(orphan);
        Files.createDirectories(orphanFile.getParent());
        Files.write(orphanFile, new byte[] {1});
        assertThat(evidence.sweepOrphans()).isEqualTo(1);
        assertThat(new EvidenceStorage(root, 1).storedHashes()).containsExactly(kept.sha256());
    }

    @Test
    void aCorrectionSupersedesTheOriginalAndBothStayVisible() {
        EvidenceService evidence = service(10_000_000);
        Award award = activeAward();
        Claim claim = fixtures.submittedClaim(cardiff, award, 0, "100.00");
        Form original = new Form().field("title", "Q1 return").field("claimId", claim.id().toString())
                .file("q1.csv", "text/csv", SampleFiles.csv());
        Evidence first = upload(evidence, cardiff, award, original, null).evidence();
        fixtures.approve(finance, claim);
        assertThatThrownBy(() -> evidence.remove(cardiff, first.id()))
                .isInstanceOf(RuleViolationException.class).hasMessageContaining("APPROVED");

        Form correction = new Form().field("title", "Q1 return (corrected)")
                .field("claimId", claim.id().toString()).field("supersedes", first.id().toString())
                .file("q1-v2.csv", "text/csv", SampleFiles.utf8("a,b\n1,3\n"));
        Evidence second = upload(evidence, cardiff, award, correction, null).evidence();
        assertThat(second.supersedes()).isEqualTo(first.id());
        List<Evidence> listed = evidence.list(manager, award.id(), Page.Request.of(null, null)).items();
        assertThat(listed).extracting(Evidence::status)
                .containsExactly(Evidence.Status.SUPERSEDED, Evidence.Status.CURRENT);
        assertThatThrownBy(() -> upload(evidence, cardiff, award, new Form().field("title", "x")
                .field("supersedes", first.id().toString()).file("x.txt", "text/plain", SampleFiles.welshText()), null)).isInstanceOf(StateConflictException.class);
        assertThat(auditActions(award)).contains("EVIDENCE_SUPERSEDED");
    }

    @Test
    void evidenceOfAClaimStillInProgressCanBeRemovedAndStaysListed() {
        EvidenceService evidence = service(10_000_000);
        Award award = activeAward();
        Claim claim = fixtures.draftClaim(cardiff, award, 0, "100.00");
        Evidence uploaded = upload(evidence, cardiff, award, new Form().field("title", "Draft")
                .field("claimId", claim.id().toString()).file("d.pdf", "application/pdf", SampleFiles.pdf()),
                null).evidence();
        Evidence removed = evidence.remove(cardiff, uploaded.id());
        assertThat(removed.status()).isEqualTo(Evidence.Status.REMOVED);
        assertThatThrownBy(() -> evidence.remove(cardiff, uploaded.id()))
                .isInstanceOf(StateConflictException.class);
        assertThat(evidence.get(manager, uploaded.id()).status()).isEqualTo(Evidence.Status.REMOVED);
    }

    @Test
    void onlyTheAwardsOwnRecipientUploadsAndOthersSeeNothing() {
        EvidenceService evidence = service(10_000_000);
        Award award = activeAward();
        Actor swansea = fixtures.recipient(fixtures.swansea());
        Form body = form("Invoice", "a.pdf", SampleFiles.pdf());
        assertThatThrownBy(() -> upload(evidence, swansea, award, body, null))
                .isInstanceOf(NotFoundException.class);
        assertThatThrownBy(() -> upload(evidence, manager, award, body, null))
                .isInstanceOf(PermissionDeniedException.class);
        Evidence uploaded = upload(evidence, cardiff, award, body, null).evidence();
        assertThatThrownBy(() -> evidence.get(swansea, uploaded.id()))
                .isInstanceOf(NotFoundException.class);
        assertThatThrownBy(() -> evidence.download(swansea, uploaded.id(), Set.of(), false))
                .isInstanceOf(NotFoundException.class);
    }

    @Test
    void aRetryWithTheSameIdempotencyKeyStoresNothingNew() {
        EvidenceService evidence = service(10_000_000);
        Award award = activeAward();
        Form body = form("Invoice", "a.pdf", SampleFiles.pdf());
        String key = Fixtures.unique("upload-");
        EvidenceService.Upload first = upload(evidence, cardiff, award, body, key);
        EvidenceService.Upload again = upload(evidence, cardiff, award, body, key);
        assertThat(again.replayed()).isTrue();
        assertThat(again.evidence().id()).isEqualTo(first.evidence().id());
        assertThatThrownBy(() -> upload(evidence, cardiff, award, form("Other", "b.png", SampleFiles.png()),
                key)).isInstanceOf(RuleViolationException.class);
        assertThat(evidence.list(cardiff, award.id(), Page.Request.of(null, null)).total()).isEqualTo(1);
        assertThat(new EvidenceStorage(root, 1).storedHashes()).hasSize(1);
        assertThat(new EvidenceStorage(root, 1).temporaryFileCount()).isZero();
    }

    @Test
    void refusedUploadsLeaveNothingBehind() {
        EvidenceService evidence = service(10_000_000);
        Award award = activeAward();
        assertThatThrownBy(() -> upload(evidence, cardiff, award, form("Exe", "a.pdf", SampleFiles.windowsExecutable()), null))
                .isInstanceOf(UnsupportedContentException.class);
        assertThatThrownBy(() -> upload(evidence, cardiff, award, form("Bomb", "a.docx", SampleFiles.zipBomb(50)), null))
                .isInstanceOf(UnsupportedContentException.class);
        assertThatThrownBy(() -> upload(evidence, cardiff, award, new Form()
                .file("a.pdf", "application/pdf", SampleFiles.pdf()).field("title", "x".repeat(1_000_000)),
                null)).isInstanceOf(ValidationException.class);
        EvidenceStorage storage = new EvidenceStorage(root, 1);
        assertThat(storage.storedHashes()).isEmpty();
        assertThat(storage.temporaryFileCount()).isZero();
        assertThat(evidence.list(cardiff, award.id(), Page.Request.of(null, null)).total()).isZero();
    }

    @Test
    void parallelUploadsOfTheSameContentAllSucceedAndShareOneFile() throws Exception {
        EvidenceService evidence = service(10_000_000);
        Award award = activeAward();
        Form body = form("Same", "same.pdf", SampleFiles.pdf());
        java.util.concurrent.ExecutorService pool = java.util.concurrent.Executors.newFixedThreadPool(8);
        try {
            java.util.concurrent.CountDownLatch start = new java.util.concurrent.CountDownLatch(1);
            List<java.util.concurrent.Future<Evidence>> results = new java.util.ArrayList<>();
            for (int index = 0; index < 8; index++) {
                results.add(pool.submit(() -> {
                    start.await();
                    return upload(evidence, cardiff, award, body, null).evidence();
                }));
            }
            start.countDown();
            for (java.util.concurrent.Future<Evidence> result : results) {
                assertThat(result.get().sha256()).isEqualTo(results.get(0).get().sha256());
            }
        } finally {
            pool.shutdownNow();
        }
        assertThat(evidence.list(cardiff, award.id(), Page.Request.of(null, null)).total()).isEqualTo(8);
        assertThat(new EvidenceStorage(root, 1).storedHashes()).hasSize(1);
        assertThat(new EvidenceStorage(root, 1).temporaryFileCount()).isZero();
    }

    @Test
    void aDeclaredLengthOverTheLimitIsRefusedBeforeAnyBodyIsRead() {
        EvidenceService evidence = service(1_000_000);
        Award award = activeAward();
        assertThatThrownBy(() -> evidence.checkUpload(cardiff, award.id(), 2_000_000))
                .isInstanceOf(ContentTooLargeException.class);
    }

    private List<String> auditActions(Award award) {
        return fixtures.jdbi().withHandle(handle -> handle.createQuery(
                        "SELECT action FROM audit_events WHERE award_id = :id ORDER BY id")
                .bind("id", award.id().value()).mapTo(String.class).list());
    }
}
