package wales.gov.grants.api.web;

import java.io.InputStream;
import java.net.URI;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Supplier;

import jakarta.servlet.http.HttpServletRequest;
import jakarta.ws.rs.FormParam;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.HttpHeaders;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.core.StreamingOutput;
import wales.gov.grants.api.resources.EvidenceResource;
import wales.gov.grants.claims.ApprovalRequest;
import wales.gov.grants.claims.Claim;
import wales.gov.grants.claims.ClaimDetails;
import wales.gov.grants.claims.ClaimService;
import wales.gov.grants.claims.ClaimStatus;
import wales.gov.grants.claims.ClaimTransition;
import wales.gov.grants.delegations.DelegationService;
import wales.gov.grants.evidence.Evidence;
import wales.gov.grants.evidence.EvidenceService;
import wales.gov.grants.kernel.Actor;
import wales.gov.grants.kernel.ClaimId;
import wales.gov.grants.kernel.DomainException;
import wales.gov.grants.kernel.EvidenceId;
import wales.gov.grants.kernel.MalformedRequestException;
import wales.gov.grants.kernel.Money;
import wales.gov.grants.kernel.NotFoundException;
import wales.gov.grants.kernel.Page;
import wales.gov.grants.kernel.PermissionDeniedException;
import wales.gov.grants.kernel.RuleViolationException;
import wales.gov.grants.kernel.StateConflictException;
import wales.gov.grants.kernel.ValidationException;
import wales.gov.grants.organisations.Organisation;
import wales.gov.grants.organisations.OrganisationService;
import wales.gov.grants.schemes.Scheme;
import wales.gov.grants.schemes.SchemeService;

import static java.util.Objects.requireNonNull;

/**
 * The finance officer's pages: the work queue, a claim, and approving, rejecting or querying it after a
 * confirmation. Every read and decision is {@link ClaimService}'s, with its visibility (another organisation's
 * claim is a 404) and its rules (a refusal is explained in the error summary).
 */
@Path("/")
@Produces(MediaType.TEXT_HTML + ";charset=UTF-8")
public final class ClaimPages {
    static final int PAGE_SIZE = 20;
    private static final Map<String, ClaimTransition> DECISIONS = Map.of(
            "approve", ClaimTransition.APPROVE, "reject", ClaimTransition.REJECT, "query", ClaimTransition.QUERY);

    private final WebRequests requests;
    private final ClaimService claims;
    private final SchemeService schemes;
    private final OrganisationService organisations;
    private final EvidenceService evidence;
    private final DelegationService delegations;

    public ClaimPages(WebRequests requests, ClaimService claims, SchemeService schemes,
                      OrganisationService organisations, EvidenceService evidence, DelegationService delegations) {
        this.requests = requireNonNull(requests, "requests is null");
        this.claims = requireNonNull(claims, "claims is null");
        this.schemes = requireNonNull(schemes, "schemes is null");
        this.organisations = requireNonNull(organisations, "organisations is null");
        this.evidence = requireNonNull(evidence, "evidence is null");
        this.delegations = requireNonNull(delegations, "delegations is null");
    }

    @GET
    @Path("claims")
    public wales.gov.grants.api.web.Page queue(@Context HttpServletRequest request,
                                              @QueryParam("status") String status,
                                              @QueryParam("scheme") String scheme,
                                              @QueryParam("organisation") String organisation,
                                              @QueryParam("page") String pageNumber) {
        PageContext context = requests.signedIn(request);
        Actor actor = context.actor();
        String chosenStatus = status == null ? ClaimStatus.SUBMITTED.name() : status;
        int number = Forms.pageNumber(context, pageNumber);
        ClaimService.ClaimFilter filter = shown(context, () -> ClaimService.ClaimFilter.parse(Forms.blank(scheme),
                Forms.blank(organisation), Forms.blank(chosenStatus)));
        Page<Claim> page = shown(context, () -> claims.list(actor, filter,
                Page.Request.of(PAGE_SIZE, (long) (number - 1) * PAGE_SIZE)));
        List<Scheme> allSchemes = shown(context, () -> schemes.list(actor, null, Page.Request.of(Page.MAX_LIMIT, 0L)))
                .items();
        List<Organisation> allOrganisations = shown(context,
                () -> organisations.list(actor, Page.Request.of(Page.MAX_LIMIT, 0L))).items();
        // the filters' lists name the rows too: no read per row (a name beyond them is read once, as elsewhere)
        Names names = new Names(actor, schemes, organisations).knowing(allSchemes, allOrganisations);
        Set<ClaimId> warned = warned(actor, page.items());
        List<Map<String, Object>> rows = new ArrayList<>();
        for (Claim claim : page.items()) {
            Scheme claimScheme = names.scheme(claim.schemeId());
            Money threshold = claimScheme.dualApprovalThreshold();
            Map<String, Object> row = new HashMap<>();
            row.put("claim", claim);
            row.put("scheme", claimScheme);
            row.put("organisation", names.organisation(claim.organisationId()));
            row.put("needsTwo", claim.status() == ClaimStatus.SUBMITTED && claim.needsTwoApprovals(threshold));
            row.put("hasOne", claim.awaitsSecondApproval(threshold));
            row.put("warnings", warned.contains(claim.id()));
            rows.add(row);
        }
        long pages = Math.max(1, (page.total() + PAGE_SIZE - 1) / PAGE_SIZE);
        Map<String, Object> model = new HashMap<>();
        model.put("rows", rows);
        model.put("total", page.total());
        model.put("pageNumber", number);
        model.put("pages", pages);
        model.put("statuses", List.of(ClaimStatus.values()));
        model.put("status", chosenStatus);
        model.put("scheme", scheme == null ? "" : scheme);
        model.put("organisation", organisation == null ? "" : organisation);
        model.put("schemes", allSchemes);
        model.put("organisations", allOrganisations);
        model.put("filterQuery", "status=" + chosenStatus + (scheme == null ? "" : "&scheme=" + scheme)
                + (organisation == null ? "" : "&organisation=" + organisation));
        return new wales.gov.grants.api.web.Page("claims", context, "claims.title", model);
    }

    @GET
    @Path("claims/{id}")
    public wales.gov.grants.api.web.Page claim(@Context HttpServletRequest request, @PathParam("id") String id,
                                              @QueryParam("done") String done) {
        PageContext context = requests.signedIn(request);
        Map<String, Object> model = claimModel(context, id);
        if (done != null && Set.of("approved", "first-approval", "rejected", "queried", "paid").contains(done)) {
            model.put("done", done);
        }
        return new wales.gov.grants.api.web.Page("claim", context, "claim.title", model);
    }

    @GET
    @Path("claims/{id}/{decision: approve|reject|query}")
    public wales.gov.grants.api.web.Page confirm(@Context HttpServletRequest request, @PathParam("id") String id,
                                                @PathParam("decision") String decision) {
        PageContext context = requests.signedIn(request);
        ClaimTransition transition = DECISIONS.get(decision);
        shown(context, () -> {
            transition.requireRole(context.actor());
            return transition;
        });
        return decisionPage(context, id, decision, "", List.of(), 200);
    }

    @POST
    @Path("claims/{id}/{decision: approve|reject|query}")
    public Response decide(@Context HttpServletRequest request, @PathParam("id") String id,
                           @PathParam("decision") String decision, @FormParam("text") String text,
                           @FormParam("acknowledgeWarnings") String acknowledgeWarnings,
                           @FormParam("onBehalfOf") String onBehalfOf,
                           @FormParam(WebRequests.CSRF_FIELD) String csrfToken) {
        PageContext context = requests.signedIn(request);
        requests.checkCsrf(context, csrfToken);
        ClaimTransition transition = DECISIONS.get(decision);
        ClaimId claimId = shown(context, () -> ClaimId.fromPath(id));
        Claim after;
        try {
            // an approval's text is the reason its acknowledgement of double-funding warnings gives
            after = shown(context, () -> transition == ClaimTransition.APPROVE
                    ? claims.approve(context.actor(), claimId, new ApprovalRequest(
                            "true".equals(acknowledgeWarnings) ? Boolean.TRUE : null, text, Forms.blank(onBehalfOf)))
                    : claims.transition(context.actor(), claimId, transition, text));
        } catch (RuleViolationException | StateConflictException | ValidationException e) {
            return Response.status(422).entity(decisionPage(context, id, decision, text == null ? "" : text,
                    refusal(context, e), 422, "true".equals(acknowledgeWarnings),
                    onBehalfOf == null ? "" : onBehalfOf)).build();
        }
        String done = switch (transition) {
            case APPROVE -> after.status() == ClaimStatus.APPROVED ? "approved" : "first-approval";
            case REJECT -> "rejected";
            case QUERY -> "queried";
            case SUBMIT -> throw new IllegalStateException("not a finance officer's decision");
        };
        return Response.seeOther(URI.create("/claims/" + after.id() + "?done=" + done)).build();
    }

    @GET
    @Path("evidence/{id}/download")
    @Produces(MediaType.WILDCARD)
    public Response download(@Context HttpServletRequest request, @PathParam("id") String id) {
        PageContext context = requests.signedIn(request);
        EvidenceService.Download download = shown(context, () -> evidence.download(context.actor(),
                EvidenceId.fromPath(id), Set.of(), false));
        Evidence document = download.evidence();
        InputStream content = download.open();
        StreamingOutput bytes = output -> {
            try (InputStream in = content) {
                in.transferTo(output);
            }
        };
        return Response.ok(bytes, document.mediaType().mediaType())
                .header(HttpHeaders.CONTENT_LENGTH, document.size())
                .header("Content-Disposition", EvidenceResource.contentDisposition(document.filename()))
                .build();
    }

    private wales.gov.grants.api.web.Page decisionPage(PageContext context, String id, String decision,
                                                       String text, List<SignInPages.FieldError> errors,
                                                       int status) {
        return decisionPage(context, id, decision, text, errors, status, false, "");
    }

    /**
     * @param acknowledged whether the approval form's acknowledgement of warnings was ticked, to keep it so
     * @param onBehalfOf the delegator chosen on the approval form (empty: in the officer's own right), to keep it so
     */
    private wales.gov.grants.api.web.Page decisionPage(PageContext context, String id, String decision,
                                                       String text, List<SignInPages.FieldError> errors,
                                                       int status, boolean acknowledged, String onBehalfOf) {
        Map<String, Object> model = claimModel(context, id);
        model.put("decision", decision);
        model.put("text", text);
        model.put("errors", errors);
        model.put("acknowledged", acknowledged);
        model.put("onBehalfOf", onBehalfOf);
        // the delegations to this officer in force today: whose authority the approval may be given under
        model.put("delegations", decision.equals("approve") && context.actor().role() == wales.gov.grants.kernel.Role.FINANCE_OFFICER
                ? delegations.inForceFor(context.actor()) : List.of());
        return new wales.gov.grants.api.web.Page("decision", context, "decision." + decision + ".title", model,
                status);
    }

    private Map<String, Object> claimModel(PageContext context, String id) {
        Actor actor = context.actor();
        ClaimDetails details = shown(context, () -> claims.get(actor, ClaimId.fromPath(id)));
        Claim claim = details.claim();
        Names names = new Names(actor, schemes, organisations);
        List<Evidence> documents = shown(context, () -> evidence.list(actor, claim.awardId(),
                Page.Request.of(Page.MAX_LIMIT, 0L))).items().stream()
                .filter(document -> claim.id().equals(document.claimId()))
                .toList();
        Scheme scheme = names.scheme(claim.schemeId());
        Map<String, Object> model = new LinkedHashMap<>();
        model.put("claim", claim);
        model.put("details", details);
        model.put("scheme", scheme);
        model.put("organisation", names.organisation(claim.organisationId()));
        model.put("evidence", documents);
        model.put("needsTwo", claim.needsTwoApprovals(scheme.dualApprovalThreshold()));
        model.put("decidable", claim.status() == ClaimStatus.SUBMITTED
                && actor.role() == wales.gov.grants.kernel.Role.FINANCE_OFFICER);
        model.put("payable", claim.acceptsPayments() && actor.role() == wales.gov.grants.kernel.Role.FINANCE_OFFICER);
        model.put("warnings", ClaimService.readsWarnings(actor) ? claims.warnings(actor, claim.id()) : List.of());
        return model;
    }

    /** The claims of a page that have double-funding warnings; a recipient is never told of any. */
    private Set<ClaimId> warned(Actor actor, List<Claim> shownClaims) {
        return ClaimService.readsWarnings(actor) ? claims.withWarnings(actor, shownClaims) : Set.of();
    }

    /** The service's refusal, explained: a rule broken names its rule; other refusals say what the service said. */
    private static List<SignInPages.FieldError> refusal(PageContext context, DomainException e) {
        String field = "text";
        if (e instanceof RuleViolationException rule) {
            String key = "refusal." + rule.rule();
            return List.of(new SignInPages.FieldError("decision", context.messages().has(key) ? key
                    : "refusal.rule"));
        }
        if (e instanceof StateConflictException) {
            return List.of(new SignInPages.FieldError("decision", "refusal.state"));
        }
        return List.of(new SignInPages.FieldError(field, "refusal.text-required"));
    }

    /** A service call whose "not found" and "not allowed" are the pages' 404 and 403. */
    private static <T> T shown(PageContext context, Supplier<T> call) {
        try {
            return call.get();
        } catch (NotFoundException e) {
            throw new PageException(404, context);
        } catch (PermissionDeniedException e) {
            throw new PageException(403, context);
        } catch (MalformedRequestException e) {
            throw new PageException(404, context);
        } catch (ValidationException e) {
            if (e.errors().stream().anyMatch(error -> !error.field().equals("reason")
                    && !error.field().equals("question"))) {
                throw new PageException(400, context);
            }
            throw e;
        }
    }
}
