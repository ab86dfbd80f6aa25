package wales.gov.grants.api.web;

import java.net.URI;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

import jakarta.servlet.http.HttpServletRequest;
import jakarta.ws.rs.FormParam;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import wales.gov.grants.api.web.Forms.FormError;
import wales.gov.grants.api.web.Forms.MovementForm;
import wales.gov.grants.awards.Award;
import wales.gov.grants.awards.AwardService;
import wales.gov.grants.claims.AdjustmentResult;
import wales.gov.grants.claims.Claim;
import wales.gov.grants.claims.ClaimService;
import wales.gov.grants.claims.NewAdjustment;
import wales.gov.grants.kernel.Actor;
import wales.gov.grants.kernel.AwardId;
import wales.gov.grants.kernel.Page;
import wales.gov.grants.kernel.RecoveryId;
import wales.gov.grants.kernel.RuleViolationException;
import wales.gov.grants.kernel.StateConflictException;
import wales.gov.grants.kernel.ValidationException;
import wales.gov.grants.organisations.OrganisationService;
import wales.gov.grants.recoveries.NewReceipt;
import wales.gov.grants.recoveries.Recovery;
import wales.gov.grants.recoveries.RecoveryService;
import wales.gov.grants.schemes.SchemeService;

import static java.util.Objects.requireNonNull;
import static wales.gov.grants.api.web.Forms.shown;

/**
 * Money owed back: every recovery with what is still outstanding, an award's recoveries, raising one (a claim's
 * eligible amount reduced below what was paid, through {@link ClaimService#adjust}) and recording a receipt
 * ({@link RecoveryService#receive}). The services decide who may, how much and on which day.
 */
@Path("/")
@Produces(MediaType.TEXT_HTML + ";charset=UTF-8")
public final class RecoveryPages {
    static final int PAGE_SIZE = 20;
    private static final Set<String> DONE = Set.of("raised", "adjusted", "receipt", "settled");
    private static final Map<String, String> RECEIPT_INPUTS = Map.of("amount", "amount", "receivedOn",
            "receivedOn-day", "reference", "reference");
    private static final Map<String, String> ADJUSTMENT_INPUTS = Map.of("amount", "amount", "reason", "reason",
            "claimId", "claim");

    private final WebRequests requests;
    private final RecoveryService recoveries;
    private final ClaimService claims;
    private final AwardService awards;
    private final SchemeService schemes;
    private final OrganisationService organisations;

    public RecoveryPages(WebRequests requests, RecoveryService recoveries, ClaimService claims, AwardService awards,
                         SchemeService schemes, OrganisationService organisations) {
        this.requests = requireNonNull(requests, "requests is null");
        this.recoveries = requireNonNull(recoveries, "recoveries is null");
        this.claims = requireNonNull(claims, "claims is null");
        this.awards = requireNonNull(awards, "awards is null");
        this.schemes = requireNonNull(schemes, "schemes is null");
        this.organisations = requireNonNull(organisations, "organisations is null");
    }

    @GET
    @Path("recoveries")
    public wales.gov.grants.api.web.Page list(@Context HttpServletRequest request,
                                             @QueryParam("status") String status,
                                             @QueryParam("page") String pageNumber) {
        PageContext context = requests.signedIn(request);
        Actor actor = context.actor();
        int number = Forms.pageNumber(context, pageNumber);
        String chosen = status == null ? "OPEN" : status;
        RecoveryService.RecoveryFilter filter = Forms.filter(context,
                () -> RecoveryService.RecoveryFilter.parse(null, Forms.blank(chosen)));
        Page<Recovery> page = shown(context, () -> recoveries.list(actor, filter,
                Page.Request.of(PAGE_SIZE, (long) (number - 1) * PAGE_SIZE)));
        Names names = new Names(actor, schemes, organisations).knowing(
                shown(context, () -> schemes.list(actor, null, Page.Request.of(Page.MAX_LIMIT, 0L))).items(),
                shown(context, () -> organisations.list(actor, Page.Request.of(Page.MAX_LIMIT, 0L))).items());
        Map<AwardId, Award> awardsById = new HashMap<>();
        List<Map<String, Object>> rows = new ArrayList<>();
        for (Recovery recovery : page.items()) {
            Award award = awardsById.computeIfAbsent(recovery.awardId(), id -> awards.get(actor, id));
            Map<String, Object> row = new HashMap<>();
            row.put("recovery", recovery);
            row.put("award", award);
            row.put("organisation", names.organisation(award.organisationId()));
            row.put("scheme", names.scheme(award.schemeId()));
            rows.add(row);
        }
        Map<String, Object> model = new HashMap<>();
        model.put("rows", rows);
        model.put("total", page.total());
        model.put("pageNumber", number);
        model.put("pages", Math.max(1, (page.total() + PAGE_SIZE - 1) / PAGE_SIZE));
        model.put("status", chosen);
        model.put("filterQuery", "status=" + (filter.open() == null ? "" : chosen));
        return new wales.gov.grants.api.web.Page("recoveries", context, "recovery.list.title", model);
    }

    @GET
    @Path("awards/{id}/recoveries")
    public wales.gov.grants.api.web.Page award(@Context HttpServletRequest request, @PathParam("id") String id,
                                              @QueryParam("done") String done) {
        PageContext context = requests.signedIn(request);
        Actor actor = context.actor();
        Award award = award(context, id);
        List<Recovery> ofAward = shown(context, () -> recoveries.list(actor,
                new RecoveryService.RecoveryFilter(award.id(), null), Page.Request.of(Page.MAX_LIMIT, 0L))).items();
        Map<String, Object> model = awardModel(context, award);
        model.put("recoveries", ofAward);
        model.put("mayRecord", actor.role() == wales.gov.grants.kernel.Role.FINANCE_OFFICER);
        if (done != null && DONE.contains(done)) {
            model.put("done", done);
        }
        return new wales.gov.grants.api.web.Page("award-recoveries", context, "recovery.award.title", model);
    }

    @GET
    @Path("awards/{id}/recoveries/new")
    public wales.gov.grants.api.web.Page raiseForm(@Context HttpServletRequest request, @PathParam("id") String id) {
        PageContext context = requests.signedIn(request);
        Award award = award(context, id);
        return raisePage(context, award, "", "", "", List.of(), 200);
    }

    @POST
    @Path("awards/{id}/recoveries/new")
    public Response raise(@Context HttpServletRequest request, @PathParam("id") String id,
                          @FormParam("claim") String claim, @FormParam("amount") String amount,
                          @FormParam("reason") String reason,
                          @FormParam(WebRequests.CSRF_FIELD) String csrfToken) {
        PageContext context = requests.signedIn(request);
        requests.checkCsrf(context, csrfToken);
        Award award = award(context, id);
        String chosen = Forms.trimmed(claim);
        String typedReason = reason == null ? "" : reason;
        List<Claim> adjustable = shown(context, () -> claims.adjustable(context.actor(), award.id()));
        Claim target = adjustable.stream().filter(candidate -> candidate.id().toString().equals(chosen))
                .findFirst().orElse(null);
        try {
            if (target == null) {
                throw ValidationException.of("claimId", "must be one of the award's approved or paid claims");
            }
            AdjustmentResult result = shown(context, () -> claims.adjust(context.actor(), target.id(),
                    new NewAdjustment(Forms.amount(amount), typedReason)));
            return Response.seeOther(URI.create("/awards/" + award.id() + "/recoveries?done="
                    + (result.recovery() == null ? "adjusted" : "raised"))).build();
        } catch (ValidationException | RuleViolationException | StateConflictException e) {
            List<FormError> errors = Forms.refusal(context, "recovery.raise", e, ADJUSTMENT_INPUTS,
                    target == null ? "" : context.messages().money(context.language(), target.eligible()));
            return Response.status(422).entity(raisePage(context, award, chosen, Forms.trimmed(amount),
                    typedReason, errors, 422)).build();
        }
    }

    @GET
    @Path("awards/{id}/recoveries/{recoveryId}/receipt")
    public wales.gov.grants.api.web.Page receiptForm(@Context HttpServletRequest request, @PathParam("id") String id,
                                                    @PathParam("recoveryId") String recoveryId) {
        PageContext context = requests.signedIn(request);
        Award award = award(context, id);
        Recovery recovery = recovery(context, award, recoveryId);
        return receiptPage(context, award, recovery, MovementForm.EMPTY, List.of(), 200);
    }

    @POST
    @Path("awards/{id}/recoveries/{recoveryId}/receipt")
    public Response receive(@Context HttpServletRequest request, @PathParam("id") String id,
                            @PathParam("recoveryId") String recoveryId, @FormParam("amount") String amount,
                            @FormParam("receivedOn-day") String day, @FormParam("receivedOn-month") String month,
                            @FormParam("receivedOn-year") String year, @FormParam("reference") String reference,
                            @FormParam(WebRequests.CSRF_FIELD) String csrfToken) {
        PageContext context = requests.signedIn(request);
        requests.checkCsrf(context, csrfToken);
        Award award = award(context, id);
        Recovery recovery = recovery(context, award, recoveryId);
        MovementForm form = new MovementForm(amount, day, month, year, reference);
        try {
            Recovery after = shown(context, () -> recoveries.receive(context.actor(), new RecoveryId(recovery.id()),
                    new NewReceipt(form.pounds(), form.isoDate(), form.reference())));
            return Response.seeOther(URI.create("/awards/" + award.id() + "/recoveries?done="
                    + (after.isOpen() ? "receipt" : "settled"))).build();
        } catch (ValidationException | RuleViolationException | StateConflictException e) {
            List<FormError> errors = Forms.refusal(context, "recovery.receipt", e, RECEIPT_INPUTS,
                    context.messages().money(context.language(), recovery.outstanding()),
                    Forms.day(context, recovery.raisedAt()));
            return Response.status(422).entity(receiptPage(context, award, recovery, form, errors, 422)).build();
        }
    }

    private Award award(PageContext context, String id) {
        AwardId awardId = shown(context, () -> AwardId.fromPath(id));
        return shown(context, () -> awards.get(context.actor(), awardId));
    }

    /** The award's recovery, for a receipt; another award's recovery under this award's address is not found. */
    private Recovery recovery(PageContext context, Award award, String recoveryId) {
        RecoveryId id = shown(context, () -> RecoveryId.fromPath(recoveryId));
        Recovery recovery = shown(context, () -> recoveries.forReceipt(context.actor(), id));
        if (!recovery.awardId().equals(award.id())) {
            throw new PageException(404, context);
        }
        return recovery;
    }

    private Map<String, Object> awardModel(PageContext context, Award award) {
        Names names = new Names(context.actor(), schemes, organisations);
        Map<String, Object> model = new HashMap<>();
        model.put("award", award);
        model.put("organisation", names.organisation(award.organisationId()));
        model.put("scheme", names.scheme(award.schemeId()));
        return model;
    }

    private wales.gov.grants.api.web.Page raisePage(PageContext context, Award award, String claim, String amount,
                                                    String reason, List<FormError> errors, int status) {
        List<Claim> adjustable = shown(context, () -> claims.adjustable(context.actor(), award.id()));
        Map<String, Object> model = awardModel(context, award);
        model.put("claims", adjustable);
        model.put("claim", claim);
        model.put("amount", amount);
        model.put("reason", reason);
        model.put("errors", errors);
        model.put("fieldErrors", PaymentPages.fieldErrors(errors));
        return new wales.gov.grants.api.web.Page("recovery-raise", context, "recovery.raise.title", model, status);
    }

    private wales.gov.grants.api.web.Page receiptPage(PageContext context, Award award, Recovery recovery,
                                                      MovementForm form, List<FormError> errors, int status) {
        Map<String, Object> model = awardModel(context, award);
        model.put("recovery", recovery);
        model.put("form", form);
        model.put("errors", errors);
        model.put("fieldErrors", PaymentPages.fieldErrors(errors));
        return new wales.gov.grants.api.web.Page("receipt-form", context, "recovery.receipt.title", model, status);
    }
}
