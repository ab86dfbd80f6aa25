package wales.gov.grants.claims;

import java.time.LocalDate;

import org.junit.jupiter.api.Test;
import wales.gov.grants.awards.Award;
import wales.gov.grants.kernel.Actor;
import wales.gov.grants.kernel.MoneyMovement;
import wales.gov.grants.kernel.Page;
import wales.gov.grants.kernel.PermissionDeniedException;
import wales.gov.grants.kernel.RecoveryId;
import wales.gov.grants.kernel.Role;
import wales.gov.grants.kernel.RuleViolationException;
import wales.gov.grants.kernel.StateConflictException;
import wales.gov.grants.kernel.ValidationException;
import wales.gov.grants.recoveries.Recovery;
import wales.gov.grants.schemes.Scheme;
import wales.gov.grants.testing.Fixtures;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** What the finance officer's pages ask of the services: the payments list, a payment's dry run, the forms' reads. */
class PaymentListTest {
    private final Fixtures fixtures = Fixtures.onTestDatabase();
    private final String today = fixtures.clock().today().toString();
    private final ClaimService claims = fixtures.claims();
    private final Actor manager = fixtures.actor(Role.GRANT_MANAGER);
    private final Actor finance = fixtures.actor(Role.FINANCE_OFFICER);
    private final Actor cardiff = fixtures.recipient(fixtures.cardiff());

    private Award award(Scheme scheme) {
        return fixtures.activeAward(manager, scheme, fixtures.cardiff(), "5000.00", cardiff);
    }

    @Test
    void paymentsAreListedNewestFirstByTheirSchemeAndDaysWithTheirAwardAndOrganisation() {
        Scheme scheme = fixtures.scheme(manager, "100000.00", "10000.00");
        Scheme other = fixtures.scheme(manager, "100000.00", "10000.00");
        Award award = award(scheme);
        Claim first = fixtures.approvedClaim(cardiff, finance, award, 0, "100.00");
        Claim second = fixtures.approvedClaim(cardiff, finance, award, 1, "200.00");
        claims.pay(finance, first.id(), new NewPayment("100.00", today, "FIRST"));
        claims.pay(finance, second.id(), new NewPayment("150.00", today, "SECOND"));
        Claim elsewhere = fixtures.approvedClaim(cardiff, finance, award(other), 0, "50.00");
        claims.pay(finance, elsewhere.id(), new NewPayment("50.00", today, "OTHER"));

        Page<PaymentListing> page = claims.payments(manager, ClaimService.PaymentFilter.parse(scheme.id().toString(),
                null, null, null), Page.Request.of(10, 0L));

        assertThat(page.total()).isEqualTo(2);
        assertThat(page.items()).extracting(listing -> listing.payment().reference()).containsExactly("SECOND", "FIRST");
        assertThat(page.items()).allSatisfy(listing -> {
            assertThat(listing.awardId()).isEqualTo(award.id());
            assertThat(listing.organisationId()).isEqualTo(fixtures.cardiff().id());
        });
        String yesterday = LocalDate.parse(today).minusDays(1).toString();
        assertThat(claims.payments(finance, ClaimService.PaymentFilter.parse(scheme.id().toString(), null, null,
                yesterday), Page.Request.of(10, 0L)).total()).isZero();
        assertThat(claims.payments(finance, ClaimService.PaymentFilter.parse(scheme.id().toString(), null, today,
                today), Page.Request.of(1, 1L)).items()).extracting(listing -> listing.payment().reference())
                .containsExactly("FIRST");
        assertThatThrownBy(() -> ClaimService.PaymentFilter.parse(null, null, today, yesterday))
                .isInstanceOf(ValidationException.class);
        assertThatThrownBy(() -> claims.payments(cardiff, ClaimService.PaymentFilter.parse(null, null, null, null),
                Page.Request.of(10, 0L))).isInstanceOf(PermissionDeniedException.class);
    }

    @Test
    void aPaymentsDryRunChecksWhatThePaymentWouldAndRecordsNothing() {
        Award award = award(fixtures.scheme(manager, "100000.00", "10000.00"));
        Claim approved = fixtures.approvedClaim(cardiff, finance, award, 0, "300.00");

        MoneyMovement checked = claims.previewPayment(finance, approved.id(), new NewPayment("300", today, "REF"));

        assertThat(checked.amount().toDecimalString()).isEqualTo("300.00");
        assertThat(claims.get(finance, approved.id()).payments()).isEmpty();
        assertThatThrownBy(() -> claims.previewPayment(finance, approved.id(), new NewPayment("300.01", today, "R")))
                .isInstanceOf(RuleViolationException.class);
        assertThatThrownBy(() -> claims.previewPayment(manager, approved.id(), new NewPayment("1", today, "R")))
                .isInstanceOf(PermissionDeniedException.class);
        Claim submitted = fixtures.submittedClaim(cardiff, award, 1, "10.00");
        assertThatThrownBy(() -> claims.previewPayment(finance, submitted.id(), new NewPayment("1", today, "R")))
                .isInstanceOf(StateConflictException.class);
        assertThatThrownBy(() -> claims.forPayment(fixtures.actor(Role.AUDITOR), approved.id()))
                .isInstanceOf(PermissionDeniedException.class);
    }

    @Test
    void onlyApprovedAndPaidClaimsAreOfferedForAnAdjustmentAndOnlyAnOfficerRecordsAReceipt() {
        Award award = award(fixtures.scheme(manager, "100000.00", "10000.00"));
        Claim approved = fixtures.approvedClaim(cardiff, finance, award, 0, "300.00");
        fixtures.submittedClaim(cardiff, award, 1, "10.00");
        claims.pay(finance, approved.id(), new NewPayment("300.00", today, "REF"));
        Recovery recovery = claims.adjust(finance, approved.id(), new NewAdjustment("40.00", "Ineligible"))
                .recovery();

        assertThat(claims.adjustable(finance, award.id())).extracting(Claim::id).containsExactly(approved.id());
        assertThatThrownBy(() -> claims.adjustable(manager, award.id())).isInstanceOf(PermissionDeniedException.class);
        RecoveryId id = new RecoveryId(recovery.id());
        assertThat(fixtures.recoveries().forReceipt(finance, id).outstanding().toDecimalString()).isEqualTo("40.00");
        assertThatThrownBy(() -> fixtures.recoveries().forReceipt(fixtures.actor(Role.AUDITOR), id))
                .isInstanceOf(PermissionDeniedException.class);
    }
}
