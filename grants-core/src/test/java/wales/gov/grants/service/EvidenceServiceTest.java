package wales.gov.grants.service;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.util.List;
import java.util.Set;
import java.util.UUID;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import wales.gov.grants.domain.Actor;
import wales.gov.grants.domain.Award;
import wales.gov.grants.domain.Evidence;
import wales.gov.grants.domain.EvidenceMediaType;
import wales.gov.grants.domain.NotFoundException;
import wales.gov.grants.domain.Page;
import wales.gov.grants.domain.PermissionDeniedException;
import wales.gov.grants.domain.Role;
import wales.gov.grants.domain.RuleViolationException;
import wales.gov.grants.domain.Scheme;
import wales.gov.grants.domain.StateConflictException;
import wales.gov.grants.domain.UnsupportedContentException;
import wales.gov.grants.domain.ValidationException;
import wales.gov.grants.evidence.EvidenceStorage;
import wales.gov.grants.testing.Fixtures;
import wales.gov.grants.testing.MultipartBody;
import wales.gov.grants.testing.SampleFiles;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class EvidenceServiceTest {
    private final Fixtures fixtures = Fixtures.onTestDatabase();
    private final Actor manager = fixtures.actor(Role.GRANT_MANAGER);
    private final Actor cardiff = fixtures.recipient(fixtures.cardiff());

    @TempDir
    Path root;

    private EvidenceService service(long maxBytes) {
        return new EvidenceService(fixtures.jdbi(), fixtures.auditLog(), Clock.systemUTC(),
                new EvidenceStorage(root, maxBytes), new IdempotencyService(fixtures.jdbi(), Clock.systemUTC()));
    }

    private Award activeAward() {
        Scheme scheme = fixtures.scheme(manager, "1000.00", "500.00");
        return fixtures.activeAward(manager, scheme, fixtures.cardiff(), "500.00", cardiff);
    }

    private static EvidenceService.UploadRequest request(Award award, byte[] body, String key) {
        return new EvidenceService.UploadRequest(award.id().toString(), MultipartBody.contentType(), body.length,
                new ByteArrayInputStream(body), key);
    }

    private static byte[] form(String title, String filename, byte[] content) {
        return MultipartBody.create().field("title", title).file(filename, "application/octet-stream", content)
                .build();
    }

    @Test
    void theSameContentUploadedTwiceIsStoredOnceAndRecordedTwice() throws IOException {
        EvidenceService evidence = service(10_000_000);
        Award award = activeAward();
        Evidence first = evidence.upload(cardiff, request(award, form("Invoice", "inv.pdf", SampleFiles.pdf()), null))
                .evidence();
        Evidence second = evidence.upload(cardiff, request(award, form("Invoice again", "inv2.pdf",
                SampleFiles.pdf()), null)).evidence();
        assertThat(first.id()).isNotEqualTo(second.id());
        assertThat(first.sha256()).isEqualTo(second.sha256());
        assertThat(first.mediaType()).isEqualTo(EvidenceMediaType.PDF);
        assertThat(new EvidenceStorage(root, 1).storedHashes()).containsExactly(first.sha256());
        try (InputStream in = evidence.download(manager, first.id().toString(), Set.of(), false).open()) {
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
        assertThatThrownBy(() -> evidence.upload(cardiff,
                request(award, form("simulated database failure", "a.txt", unique), null)))
                .hasMessageContaining("simulated failure");
        EvidenceStorage storage = new EvidenceStorage(root, 1);
        assertThat(storage.storedHashes()).isEmpty();
        assertThat(storage.temporaryFileCount()).isZero();
        assertThat(evidence.list(cardiff, award.id().toString(), Page.Request.of(null, null)).total()).isZero();
    }

    @Test
    void theOrphanSweepRemovesOnlyFilesWithoutARow() throws IOException {
        EvidenceService evidence = service(10_000_000);
        Award award = activeAward();
        Evidence kept = evidence.upload(cardiff, request(award, form("Kept", "k.png", SampleFiles.png()), null))
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
        UUID claim = fixtures.claim(award, cardiff, "SUBMITTED");
        byte[] original = MultipartBody.create().field("title", "Q1 return").field("claimId", claim.toString())
                .file("q1.csv", "text/csv", SampleFiles.csv()).build();
        Evidence first = evidence.upload(cardiff, request(award, original, null)).evidence();
        fixtures.setClaimStatus(claim, "APPROVED");
        assertThatThrownBy(() -> evidence.remove(cardiff, first.id().toString()))
                .isInstanceOf(RuleViolationException.class).hasMessageContaining("APPROVED");

        byte[] correction = MultipartBody.create().field("title", "Q1 return (corrected)")
                .field("claimId", claim.toString()).field("supersedes", first.id().toString())
                .file("q1-v2.csv", "text/csv", SampleFiles.utf8("a,b\n1,3\n")).build();
        Evidence second = evidence.upload(cardiff, request(award, correction, null)).evidence();
        assertThat(second.supersedes()).isEqualTo(first.id());
        List<Evidence> listed = evidence.list(manager, award.id().toString(), Page.Request.of(null, null)).items();
        assertThat(listed).extracting(Evidence::status)
                .containsExactly(Evidence.Status.SUPERSEDED, Evidence.Status.CURRENT);
        assertThatThrownBy(() -> evidence.upload(cardiff, request(award, MultipartBody.create().field("title", "x")
                .field("supersedes", first.id().toString()).file("x.txt", "text/plain", SampleFiles.welshText())
                .build(), null))).isInstanceOf(StateConflictException.class);
        assertThat(auditActions(award)).contains("EVIDENCE_SUPERSEDED");
    }

    @Test
    void evidenceOfAClaimStillInProgressCanBeRemovedAndStaysListed() {
        EvidenceService evidence = service(10_000_000);
        Award award = activeAward();
        UUID claim = fixtures.claim(award, cardiff, "DRAFT");
        Evidence uploaded = evidence.upload(cardiff, request(award, MultipartBody.create().field("title", "Draft")
                .field("claimId", claim.toString()).file("d.pdf", "application/pdf", SampleFiles.pdf()).build(),
                null)).evidence();
        Evidence removed = evidence.remove(cardiff, uploaded.id().toString());
        assertThat(removed.status()).isEqualTo(Evidence.Status.REMOVED);
        assertThatThrownBy(() -> evidence.remove(cardiff, uploaded.id().toString()))
                .isInstanceOf(StateConflictException.class);
        assertThat(evidence.get(manager, uploaded.id().toString()).status()).isEqualTo(Evidence.Status.REMOVED);
    }

    @Test
    void onlyTheAwardsOwnRecipientUploadsAndOthersSeeNothing() {
        EvidenceService evidence = service(10_000_000);
        Award award = activeAward();
        Actor swansea = fixtures.recipient(fixtures.swansea());
        byte[] body = form("Invoice", "a.pdf", SampleFiles.pdf());
        assertThatThrownBy(() -> evidence.upload(swansea, request(award, body, null)))
                .isInstanceOf(NotFoundException.class);
        assertThatThrownBy(() -> evidence.upload(manager, request(award, body, null)))
                .isInstanceOf(PermissionDeniedException.class);
        Evidence uploaded = evidence.upload(cardiff, request(award, body, null)).evidence();
        assertThatThrownBy(() -> evidence.get(swansea, uploaded.id().toString()))
                .isInstanceOf(NotFoundException.class);
        assertThatThrownBy(() -> evidence.download(swansea, uploaded.id().toString(), Set.of(), false))
                .isInstanceOf(NotFoundException.class);
    }

    @Test
    void aRetryWithTheSameIdempotencyKeyStoresNothingNew() {
        EvidenceService evidence = service(10_000_000);
        Award award = activeAward();
        byte[] body = form("Invoice", "a.pdf", SampleFiles.pdf());
        String key = Fixtures.unique("upload-");
        EvidenceService.Upload first = evidence.upload(cardiff, request(award, body, key));
        EvidenceService.Upload again = evidence.upload(cardiff, request(award, body, key));
        assertThat(again.replayed()).isTrue();
        assertThat(again.evidence().id()).isEqualTo(first.evidence().id());
        assertThatThrownBy(() -> evidence.upload(cardiff, request(award, form("Other", "b.png", SampleFiles.png()),
                key))).isInstanceOf(RuleViolationException.class);
        assertThat(evidence.list(cardiff, award.id().toString(), Page.Request.of(null, null)).total()).isEqualTo(1);
        assertThat(new EvidenceStorage(root, 1).storedHashes()).hasSize(1);
        assertThat(new EvidenceStorage(root, 1).temporaryFileCount()).isZero();
    }

    @Test
    void refusedUploadsLeaveNothingBehind() {
        EvidenceService evidence = service(10_000_000);
        Award award = activeAward();
        assertThatThrownBy(() -> evidence.upload(cardiff, request(award,
                form("Exe", "a.pdf", SampleFiles.windowsExecutable()), null)))
                .isInstanceOf(UnsupportedContentException.class);
        assertThatThrownBy(() -> evidence.upload(cardiff, request(award,
                form("Bomb", "a.docx", SampleFiles.zipBomb(50)), null)))
                .isInstanceOf(UnsupportedContentException.class);
        assertThatThrownBy(() -> evidence.upload(cardiff, request(award, MultipartBody.create()
                .file("a.pdf", "application/pdf", SampleFiles.pdf()).field("title", "x".repeat(1_000_000)).build(),
                null))).isInstanceOf(ValidationException.class);
        EvidenceStorage storage = new EvidenceStorage(root, 1);
        assertThat(storage.storedHashes()).isEmpty();
        assertThat(storage.temporaryFileCount()).isZero();
        assertThat(evidence.list(cardiff, award.id().toString(), Page.Request.of(null, null)).total()).isZero();
    }

    @Test
    void parallelUploadsOfTheSameContentAllSucceedAndShareOneFile() throws Exception {
        EvidenceService evidence = service(10_000_000);
        Award award = activeAward();
        byte[] body = form("Same", "same.pdf", SampleFiles.pdf());
        java.util.concurrent.ExecutorService pool = java.util.concurrent.Executors.newFixedThreadPool(8);
        try {
            java.util.concurrent.CountDownLatch start = new java.util.concurrent.CountDownLatch(1);
            List<java.util.concurrent.Future<Evidence>> results = new java.util.ArrayList<>();
            for (int index = 0; index < 8; index++) {
                results.add(pool.submit(() -> {
                    start.await();
                    return evidence.upload(cardiff, request(award, body, null)).evidence();
                }));
            }
            start.countDown();
            for (java.util.concurrent.Future<Evidence> result : results) {
                assertThat(result.get().sha256()).isEqualTo(results.get(0).get().sha256());
            }
        } finally {
            pool.shutdownNow();
        }
        assertThat(evidence.list(cardiff, award.id().toString(), Page.Request.of(null, null)).total()).isEqualTo(8);
        assertThat(new EvidenceStorage(root, 1).storedHashes()).hasSize(1);
        assertThat(new EvidenceStorage(root, 1).temporaryFileCount()).isZero();
    }

    @Test
    void aDeclaredLengthOverTheLimitIsRefusedWithoutReadingTheBody() {
        EvidenceService evidence = service(1_000_000);
        Award award = activeAward();
        InputStream untouchable = new InputStream() {
            @Override
            public int read() {
                throw new AssertionError("the body was read");
            }
        };
        assertThatThrownBy(() -> evidence.upload(cardiff, new EvidenceService.UploadRequest(award.id().toString(),
                MultipartBody.contentType(), 2_000_000, untouchable, null)))
                .isInstanceOf(wales.gov.grants.domain.ContentTooLargeException.class);
    }

    private List<String> auditActions(Award award) {
        return fixtures.jdbi().withHandle(handle -> handle.createQuery(
                        "SELECT action FROM audit_events WHERE award_id = :id ORDER BY id")
                .bind("id", award.id().value()).mapTo(String.class).list());
    }
}
