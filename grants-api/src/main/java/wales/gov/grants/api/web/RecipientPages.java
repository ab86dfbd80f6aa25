package wales.gov.grants.api.web;

import java.io.IOException;
import java.io.InputStream;
import java.math.BigDecimal;
import java.net.URI;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Supplier;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import jakarta.servlet.http.HttpServletRequest;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.HttpHeaders;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.MultivaluedMap;
import jakarta.ws.rs.core.Response;
import wales.gov.grants.api.multipart.EvidenceForm;
import wales.gov.grants.awards.Award;
import wales.gov.grants.awards.AwardNotActiveException;
import wales.gov.grants.awards.AwardService;
import wales.gov.grants.awards.AwardStatus;
import wales.gov.grants.awards.AwardTransition;
import wales.gov.grants.awards.OutcomeTarget;
import wales.gov.grants.claims.Claim;
import wales.gov.grants.claims.ClaimLine;
import wales.gov.grants.claims.ClaimService;
import wales.gov.grants.claims.ClaimTransition;
import wales.gov.grants.claims.NewClaim;
import wales.gov.grants.evidence.Evidence;
import wales.gov.grants.evidence.EvidenceMediaType;
import wales.gov.grants.evidence.EvidenceService;
import wales.gov.grants.kernel.Actor;
import wales.gov.grants.kernel.AwardId;
import wales.gov.grants.kernel.ClaimId;
import wales.gov.grants.kernel.ContentTooLargeException;
import wales.gov.grants.kernel.DomainException;
import wales.gov.grants.kernel.Money;
import wales.gov.grants.kernel.Page;
import wales.gov.grants.kernel.Role;
import wales.gov.grants.kernel.RuleViolationException;
import wales.gov.grants.kernel.StateConflictException;
import wales.gov.grants.kernel.UnsupportedContentException;
import wales.gov.grants.kernel.ValidationException;
import wales.gov.grants.organisations.OrganisationService;
import wales.gov.grants.outcomes.NewOutcomeReport;
import wales.gov.grants.outcomes.OutcomeProgress;
import wales.gov.grants.outcomes.OutcomeService;
import wales.gov.grants.schemes.SchemeService;

import static java.util.Objects.requireNonNull;
import static wales.gov.grants.api.web.Forms.amount;
import static wales.gov.grants.api.web.Forms.blank;
import static wales.gov.grants.api.web.Forms.pageNumber;
import static wales.gov.grants.api.web.Forms.shown;
import static wales.gov.grants.api.web.Forms.value;

/**
 * The pages of an award and of a recipient's work on it: the award list and page (for every role that may see
 * them), accepting an offer, a claim's form (lines added and removed without JavaScript), checking and submitting
 * it, changing a queried claim, uploading evidence and reporting outcomes. A claim is made as the domain makes
 * one: the form's first "Continue" creates it as a DRAFT (the lines being added and removed until then live in the
 * form's fields), the check page submits it. Every rule is the services'; a refusal is explained in the error
 * summary with the values entered kept.
 */
@Path("/")
@Produces(MediaType.TEXT_HTML + ";charset=UTF-8")
public final class RecipientPages {
    static final int PAGE_SIZE = 20;
    /** The service's own limit of lines; a form with more is not read beyond it. */
    static final int MAX_FORM_LINES = 200;
    private static final Pattern REMOVE = Pattern.compile("remove-(\\d{1,3})");
    private static final Set<String> DONE = Set.of("accepted", "outcome-reported");

    private final WebRequests requests;
    private final AwardService awards;
    private final ClaimService claims;
    private final EvidenceService evidence;
    private final OutcomeService outcomes;
    private final SchemeService schemes;
    private final OrganisationService organisations;

    public RecipientPages(WebRequests requests, AwardService awards, ClaimService claims, EvidenceService evidence,
                          OutcomeService outcomes, SchemeService schemes, OrganisationService organisations) {
        this.requests = requireNonNull(requests, "requests is null");
        this.awards = requireNonNull(awards, "awards is null");
        this.claims = requireNonNull(claims, "claims is null");
        this.evidence = requireNonNull(evidence, "evidence is null");
        this.outcomes = requireNonNull(outcomes, "outcomes is null");
        this.schemes = requireNonNull(schemes, "schemes is null");
        this.organisations = requireNonNull(organisations, "organisations is null");
    }

    // ---- awards

    @GET
    @Path("awards")
    public wales.gov.grants.api.web.Page list(@Context HttpServletRequest request, @QueryParam("scheme") String scheme,
                                             @QueryParam("status") String status,
                                             @QueryParam("page") String pageNumber) {
        PageContext context = requests.signedIn(request);
        Actor actor = context.actor();
        int number = pageNumber(context, pageNumber);
        AwardService.AwardFilter filter;
        try {
            filter = AwardService.AwardFilter.parse(blank(scheme), null, blank(status));
        } catch (ValidationException e) {
            throw new PageException(400, context);
        }
        Page<Award> page = shown(context, () -> awards.list(actor, filter,
                Page.Request.of(PAGE_SIZE, (long) (number - 1) * PAGE_SIZE)));
        Names names = new Names(actor, schemes, organisations);
        List<Map<String, Object>> rows = new ArrayList<>();
        for (Award award : page.items()) {
            Map<String, Object> row = new HashMap<>();
            row.put("award", award);
            row.put("scheme", names.scheme(award));
            row.put("organisation", names.organisation(award));
            row.put("acceptable", may(actor, AwardTransition.ACCEPT, award));
            rows.add(row);
        }
        long offers = actor.role() == Role.RECIPIENT ? shown(context, () -> awards.list(actor,
                new AwardService.AwardFilter(null, null, AwardStatus.OFFERED), Page.Request.of(1, 0L))).total() : 0;
        Map<String, Object> model = new HashMap<>();
        model.put("rows", rows);
        model.put("total", page.total());
        model.put("offers", offers);
        model.put("recipient", actor.role() == Role.RECIPIENT);
        model.put("pageNumber", number);
        model.put("pages", Math.max(1, (page.total() + PAGE_SIZE - 1) / PAGE_SIZE));
        model.put("statuses", List.of(AwardStatus.values()));
        model.put("status", status == null ? "" : status);
        model.put("scheme", scheme == null ? "" : scheme);
        model.put("schemes", actor.role() == Role.RECIPIENT ? List.of() : shown(context, () -> schemes.list(actor,
                null, Page.Request.of(Page.MAX_LIMIT, 0L))).items());
        model.put("filterQuery", "status=" + (status == null ? "" : status) + "&scheme=" + (scheme == null ? ""
                : scheme));
        return new wales.gov.grants.api.web.Page("awards", context, "award.list.title", model);
    }

    @GET
    @Path("awards/{id}")
    public wales.gov.grants.api.web.Page award(@Context HttpServletRequest request, @PathParam("id") String id,
                                              @QueryParam("done") String done) {
        PageContext context = requests.signedIn(request);
        Actor actor = context.actor();
        Map<String, Object> model = awardModel(context, id);
        Award award = (Award) model.get("award");
        List<Claim> awardClaims = shown(context, () -> claims.listForAward(actor, award.id(),
                Page.Request.of(Page.MAX_LIMIT, 0L))).items();
        List<Map<String, Object>> claimRows = new ArrayList<>();
        for (Claim claim : awardClaims) {
            claimRows.add(Map.of("claim", claim, "changeable", mayChange(actor, claim)));
        }
        List<OutcomeProgress> progress = shown(context, () -> outcomes.progress(actor, award.id()));
        List<Map<String, String>> actions = new ArrayList<>();
        String base = "/awards/" + award.id();
        for (AwardTransition transition : AwardTransition.values()) {
            if (may(actor, transition, award)) {
                String name = transition.name().toLowerCase();
                actions.add(Map.of("href", base + "/" + name, "key", "award.action." + name));
            }
        }
        if (mayClaim(actor, award)) {
            actions.add(Map.of("href", base + "/claims/new", "key", "award.action.claim"));
            actions.add(Map.of("href", base + "/outcomes/new", "key", "award.action.outcome"));
        }
        if (actor.role() == Role.AUDITOR) {
            actions.add(Map.of("href", base + "/audit", "key", "award.action.audit"));
        }
        if (actor.role() == Role.FINANCE_OFFICER) {
            actions.add(Map.of("href", base + "/recoveries", "key", "award.action.recoveries"));
        }
        model.put("claims", claimRows);
        model.put("progress", progress);
        model.put("actions", actions);
        if (done != null && DONE.contains(done)) {
            model.put("done", done);
        }
        return new wales.gov.grants.api.web.Page("award", context, "award.title", model);
    }

    @GET
    @Path("awards/{id}/accept")
    public wales.gov.grants.api.web.Page confirmAccept(@Context HttpServletRequest request,
                                                      @PathParam("id") String id) {
        PageContext context = requests.signedIn(request);
        shown(context, () -> {
            AwardTransition.ACCEPT.requireRole(context.actor());
            return null;
        });
        Map<String, Object> model = awardModel(context, id);
        model.put("errors", List.of());
        return new wales.gov.grants.api.web.Page("award-accept", context, "award.accept.title", model);
    }

    @POST
    @Path("awards/{id}/accept")
    @Consumes(MediaType.APPLICATION_FORM_URLENCODED)
    public Response accept(@Context HttpServletRequest request, @PathParam("id") String id,
                           MultivaluedMap<String, String> form) {
        PageContext context = requests.signedIn(request);
        requests.checkCsrf(context, form.getFirst(WebRequests.CSRF_FIELD));
        AwardId awardId = shown(context, () -> AwardId.fromPath(id));
        try {
            shown(context, () -> awards.transition(context.actor(), awardId, AwardTransition.ACCEPT));
        } catch (StateConflictException e) {
            Map<String, Object> model = awardModel(context, id);
            model.put("errors", List.of(problem(context, "", "award.accept.refused")));
            return Response.status(409).entity(new wales.gov.grants.api.web.Page("award-accept", context,
                    "award.accept.title", model, 409)).build();
        }
        return Response.seeOther(URI.create("/awards/" + awardId + "?done=accepted")).build();
    }

    // ---- claims: the form, check your answers, submit

    @GET
    @Path("awards/{id}/claims/new")
    public Response newClaim(@Context HttpServletRequest request, @PathParam("id") String id) {
        PageContext context = requests.signedIn(request);
        return whileActive(context, id, () -> claimForm(context, awardForClaim(context, id), null,
                ClaimForm.empty(), List.of(), 200));
    }

    @POST
    @Path("awards/{id}/claims/new")
    @Consumes(MediaType.APPLICATION_FORM_URLENCODED)
    public Response postNewClaim(@Context HttpServletRequest request, @PathParam("id") String id,
                                 MultivaluedMap<String, String> fields) {
        PageContext context = requests.signedIn(request);
        requests.checkCsrf(context, fields.getFirst(WebRequests.CSRF_FIELD));
        return whileActive(context, id, () -> createClaim(context, awardForClaim(context, id), fields));
    }

    private Response createClaim(PageContext context, Award award, MultivaluedMap<String, String> fields) {
        ClaimForm form = ClaimForm.read(fields);
        String action = fields.getFirst("action");
        if (!"continue".equals(action)) {
            return claimForm(context, award, null, form.after(action), List.of(), 200);
        }
        ClaimForm kept = form.withoutBlankLines();
        try {
            Claim created = shown(context, () -> claims.create(context.actor(), award.id(), kept.toNewClaim()));
            return Response.seeOther(URI.create("/claims/" + created.id() + "/check")).build();
        } catch (ValidationException | RuleViolationException | StateConflictException e) {
            return claimForm(context, award, null, kept, claimProblems(context, award, financialYear(context, award), kept, e), 422);
        }
    }

    @GET
    @Path("claims/{id}/edit")
    public Response editClaim(@Context HttpServletRequest request, @PathParam("id") String id) {
        PageContext context = requests.signedIn(request);
        Claim claim = changeableClaim(context, id);
        Award award = shown(context, () -> awards.get(context.actor(), claim.awardId()));
        return claimForm(context, award, claim, ClaimForm.of(claim), List.of(), 200);
    }

    @POST
    @Path("claims/{id}/edit")
    @Consumes(MediaType.APPLICATION_FORM_URLENCODED)
    public Response postEditClaim(@Context HttpServletRequest request, @PathParam("id") String id,
                                  MultivaluedMap<String, String> fields) {
        PageContext context = requests.signedIn(request);
        requests.checkCsrf(context, fields.getFirst(WebRequests.CSRF_FIELD));
        Claim claim = changeableClaim(context, id);
        Award award = shown(context, () -> awards.get(context.actor(), claim.awardId()));
        ClaimForm form = ClaimForm.read(fields);
        String action = fields.getFirst("action");
        if (!"continue".equals(action)) {
            return claimForm(context, award, claim, form.after(action), List.of(), 200);
        }
        ClaimForm kept = form.withoutBlankLines();
        try {
            shown(context, () -> claims.amend(context.actor(), claim.id(), kept.toNewClaim()));
            return Response.seeOther(URI.create("/claims/" + claim.id() + "/check")).build();
        } catch (ValidationException | RuleViolationException | StateConflictException e) {
            return claimForm(context, award, claim, kept, claimProblems(context, award, financialYear(context, award), kept, e), 422);
        }
    }

    @GET
    @Path("claims/{id}/check")
    public Response check(@Context HttpServletRequest request, @PathParam("id") String id) {
        PageContext context = requests.signedIn(request);
        Claim claim = visibleClaim(context, id);
        shown(context, () -> {
            ClaimTransition.SUBMIT.requireRole(context.actor());
            return null;
        });
        if (!ClaimTransition.SUBMIT.allowedFrom(claim.status())) {
            return Response.seeOther(URI.create("/claims/" + claim.id())).build();
        }
        return Response.ok(checkPage(context, claim, List.of(), 200)).build();
    }

    @POST
    @Path("claims/{id}/check")
    @Consumes(MediaType.APPLICATION_FORM_URLENCODED)
    public Response submit(@Context HttpServletRequest request, @PathParam("id") String id,
                           MultivaluedMap<String, String> form) {
        PageContext context = requests.signedIn(request);
        requests.checkCsrf(context, form.getFirst(WebRequests.CSRF_FIELD));
        Claim claim = visibleClaim(context, id);
        try {
            shown(context, () -> claims.transition(context.actor(), claim.id(), ClaimTransition.SUBMIT, null));
        } catch (StateConflictException e) {
            return Response.status(409).entity(checkPage(context, claim,
                    List.of(problem(context, "", "claimform.refusal.not-submittable")), 409)).build();
        }
        return Response.seeOther(URI.create("/claims/" + claim.id() + "/submitted")).build();
    }

    @GET
    @Path("claims/{id}/submitted")
    public wales.gov.grants.api.web.Page submitted(@Context HttpServletRequest request, @PathParam("id") String id) {
        PageContext context = requests.signedIn(request);
        Claim claim = visibleClaim(context, id);
        shown(context, () -> {
            ClaimTransition.SUBMIT.requireRole(context.actor());
            return null;
        });
        Map<String, Object> model = new HashMap<>();
        model.put("claim", claim);
        return new wales.gov.grants.api.web.Page("claim-submitted", context, "claimform.submitted.title", model);
    }

    // ---- evidence

    @GET
    @Path("claims/{id}/evidence")
    public wales.gov.grants.api.web.Page evidenceForm(@Context HttpServletRequest request,
                                                     @PathParam("id") String id, @QueryParam("done") String done) {
        PageContext context = requests.signedIn(request);
        Claim claim = visibleClaim(context, id);
        shown(context, () -> {
            evidence.checkUpload(context.actor(), claim.awardId(), -1);
            return null;
        });
        return evidencePage(context, claim, "", List.of(), "uploaded".equals(done), 200);
    }

    @POST
    @Path("claims/{id}/evidence")
    @Consumes(MediaType.MULTIPART_FORM_DATA)
    public Response upload(@Context HttpServletRequest request, @PathParam("id") String id,
                           @Context HttpHeaders headers, InputStream body) {
        PageContext context = requests.signedIn(request);
        Claim claim = visibleClaim(context, id);
        Actor actor = context.actor();
        String[] title = {""};
        try {
            shown(context, () -> {
                evidence.checkUpload(actor, claim.awardId(), headers.getLength());
                return null;
            });
            EvidenceForm form;
            try {
                form = EvidenceForm.read(evidence, headers.getHeaderString(HttpHeaders.CONTENT_TYPE), body,
                        Set.of(WebRequests.CSRF_FIELD), fields -> {
                            requests.checkCsrf(context, fields.get(WebRequests.CSRF_FIELD));
                            title[0] = fields.getOrDefault("title", "");
                        });
            } catch (PageException forged) {
                drain(body, evidence.maxUploadBytes() + EvidenceService.FORM_OVERHEAD_BYTES);
                throw forged;
            }
            title[0] = form.fields().title() == null ? "" : form.fields().title();
            EvidenceService.NewEvidence fields = new EvidenceService.NewEvidence(form.fields().filename(),
                    form.fields().title(), claim.id().toString(), null);
            shown(context, () -> evidence.upload(actor, claim.awardId(), form.file(), fields, null));
        } catch (ValidationException e) {
            List<Map<String, String>> problems = new ArrayList<>();
            for (ValidationException.FieldError error : e.errors()) {
                String field = error.field().equals("title") ? "title" : "file";
                if (problems.stream().noneMatch(problem -> problem.get("field").equals(field))) {
                    problems.add(problem(context, field, "evidence.error." + field));
                }
            }
            return Response.status(422).entity(evidencePage(context, claim, title[0], problems, false, 422)).build();
        } catch (UnsupportedContentException e) {
            return Response.status(415).entity(evidencePage(context, claim, title[0],
                    List.of(problem(context, "file", "evidence.error.type")), false, 415)).build();
        } catch (ContentTooLargeException e) {
            return Response.status(413).entity(evidencePage(context, claim, title[0],
                    List.of(problem(context, "file", "evidence.error.size", megabytes(evidence.maxUploadBytes()))),
                    false, 413)).build();
        } catch (StateConflictException e) {
            return Response.status(409).entity(evidencePage(context, claim, title[0],
                    List.of(problem(context, "file", "evidence.error.state")), false, 409)).build();
        }
        return Response.seeOther(URI.create("/claims/" + claim.id() + "/evidence?done=uploaded")).build();
    }

    // ---- outcomes

    @GET
    @Path("awards/{id}/outcomes/new")
    public Response newOutcome(@Context HttpServletRequest request, @PathParam("id") String id) {
        PageContext context = requests.signedIn(request);
        return whileActive(context, id, () -> Response.ok(outcomePage(context, awardForOutcome(context, id),
                Map.of(), List.of(), 200)).build());
    }

    @POST
    @Path("awards/{id}/outcomes/new")
    @Consumes(MediaType.APPLICATION_FORM_URLENCODED)
    public Response report(@Context HttpServletRequest request, @PathParam("id") String id,
                           MultivaluedMap<String, String> fields) {
        PageContext context = requests.signedIn(request);
        requests.checkCsrf(context, fields.getFirst(WebRequests.CSRF_FIELD));
        return whileActive(context, id, () -> reportOutcome(context, awardForOutcome(context, id), fields));
    }

    private Response reportOutcome(PageContext context, Award award, MultivaluedMap<String, String> fields) {
        Map<String, String> entered = new HashMap<>();
        for (String name : List.of("measure", "periodEnd-day", "periodEnd-month", "periodEnd-year", "value",
                "note")) {
            entered.put(name, value(fields, name));
        }
        List<Map<String, String>> problems = new ArrayList<>();
        BigDecimal figure = null;
        try {
            figure = new BigDecimal(entered.get("value").strip().replace(",", ""));
        } catch (NumberFormatException e) {
            problems.add(problem(context, "value", "outcome.error.value"));
        }
        if (figure != null) {
            NewOutcomeReport report = new NewOutcomeReport(entered.get("measure"), date(entered, "periodEnd"),
                    figure, entered.get("note"));
            try {
                shown(context, () -> outcomes.report(context.actor(), award.id(), report));
                return Response.seeOther(URI.create("/awards/" + award.id() + "?done=outcome-reported")).build();
            } catch (ValidationException e) {
                for (ValidationException.FieldError error : e.errors()) {
                    String field = switch (error.field()) {
                        case "measure", "value", "note" -> error.field();
                        default -> "periodEnd";
                    };
                    if (problems.stream().noneMatch(problem -> problem.get("field").equals(field))) {
                        problems.add(problem(context, field, "outcome.error." + field,
                                financialYear(context, award)));
                    }
                }
            } catch (StateConflictException e) {
                problems.add(problem(context, "", "outcome.error.state"));
            }
        }
        return Response.status(422).entity(outcomePage(context, award, entered, problems, 422)).build();
    }

    // ---- the pages' models

    private Map<String, Object> awardModel(PageContext context, String id) {
        Actor actor = context.actor();
        Award award = shown(context, () -> awards.get(actor, AwardId.fromPath(id)));
        Names names = new Names(actor, schemes, organisations);
        Map<String, Object> model = new HashMap<>();
        model.put("award", award);
        model.put("scheme", names.scheme(award));
        model.put("organisation", names.organisation(award));
        return model;
    }

    private Response claimForm(PageContext context, Award award, Claim claim, ClaimForm form,
                               List<Map<String, String>> problems, int status) {
        Names names = new Names(context.actor(), schemes, organisations);
        Map<String, Object> model = new HashMap<>();
        model.put("award", award);
        model.put("scheme", names.scheme(award));
        model.put("organisation", names.organisation(award));
        model.put("form", form.model());
        model.put("lineCount", form.lines().size());
        model.put("canAdd", form.lines().size() < MAX_FORM_LINES);
        model.put("errors", problems);
        model.put("fieldErrors", fieldErrors(problems));
        model.put("action", claim == null ? "/awards/" + award.id() + "/claims/new" : "/claims/" + claim.id()
                + "/edit");
        model.put("back", claim == null ? "/awards/" + award.id() : "/claims/" + claim.id() + "/check");
        model.put("financialYear", financialYear(context, award));
        if (claim != null) {
            model.put("claim", claim);
        }
        return Response.status(status).entity(new wales.gov.grants.api.web.Page("claim-form", context,
                claim == null ? "claimform.new.title" : "claimform.edit.title", model, status)).build();
    }

    private wales.gov.grants.api.web.Page checkPage(PageContext context, Claim claim,
                                                    List<Map<String, String>> problems, int status) {
        Actor actor = context.actor();
        Award award = shown(context, () -> awards.get(actor, claim.awardId()));
        Names names = new Names(actor, schemes, organisations);
        Map<String, Object> model = new HashMap<>();
        model.put("claim", claim);
        model.put("award", award);
        model.put("scheme", names.scheme(award));
        model.put("organisation", names.organisation(award));
        model.put("evidence", claimEvidence(actor, claim));
        model.put("errors", problems);
        return new wales.gov.grants.api.web.Page("claim-check", context, "claimform.check.title", model, status);
    }

    private wales.gov.grants.api.web.Page evidencePage(PageContext context, Claim claim, String title,
                                                       List<Map<String, String>> problems, boolean uploaded,
                                                       int status) {
        Actor actor = context.actor();
        Award award = shown(context, () -> awards.get(actor, claim.awardId()));
        Names names = new Names(actor, schemes, organisations);
        List<String> types = new ArrayList<>();
        for (EvidenceMediaType type : EvidenceMediaType.values()) {
            types.add(type.name());
        }
        Map<String, Object> model = new HashMap<>();
        model.put("claim", claim);
        model.put("award", award);
        model.put("organisation", names.organisation(award));
        model.put("evidence", claimEvidence(actor, claim));
        model.put("title", title);
        model.put("errors", problems);
        model.put("fieldErrors", fieldErrors(problems));
        model.put("uploaded", uploaded);
        model.put("maxBytes", evidence.maxUploadBytes());
        model.put("maxMegabytes", megabytes(evidence.maxUploadBytes()));
        model.put("types", String.join(", ", types));
        return new wales.gov.grants.api.web.Page("evidence-upload", context, "evidence.title", model, status);
    }

    private wales.gov.grants.api.web.Page outcomePage(PageContext context, Award award, Map<String, String> entered,
                                                      List<Map<String, String>> problems, int status) {
        Names names = new Names(context.actor(), schemes, organisations);
        List<Map<String, String>> measures = new ArrayList<>();
        for (OutcomeTarget target : award.outcomeTargets()) {
            measures.add(Map.of("value", target.measure(), "text", target.description() + " ("
                    + context.messages().get(context.language(), "outcome.target", target.target()) + ")"));
        }
        Map<String, Object> model = new HashMap<>();
        model.put("award", award);
        model.put("scheme", names.scheme(award));
        model.put("organisation", names.organisation(award));
        model.put("measures", measures);
        Map<String, String> values = new HashMap<>();
        for (String name : List.of("measure", "periodEnd-day", "periodEnd-month", "periodEnd-year", "value",
                "note")) {
            values.put(name, entered.getOrDefault(name, ""));
        }
        if (values.get("measure").isEmpty() && !measures.isEmpty()) {
            values.put("measure", measures.get(0).get("value"));
        }
        model.put("entered", values);
        model.put("errors", problems);
        model.put("fieldErrors", fieldErrors(problems));
        model.put("financialYear", financialYear(context, award));
        return new wales.gov.grants.api.web.Page("outcome-form", context, "outcome.title", model, status);
    }

    private List<Evidence> claimEvidence(Actor actor, Claim claim) {
        return evidence.list(actor, claim.awardId(), Page.Request.of(Page.MAX_LIMIT, 0L)).items().stream()
                .filter(document -> claim.id().equals(document.claimId()))
                .toList();
    }

    // ---- who may do what, as the services decide

    /** The page, or, when the service refuses because the award is not active, a page that says so. */
    private Response whileActive(PageContext context, String id, Supplier<Response> page) {
        try {
            return page.get();
        } catch (AwardNotActiveException e) {
            Map<String, Object> model = awardModel(context, id);
            return Response.status(409).entity(new wales.gov.grants.api.web.Page("award-not-active", context,
                    "award.not-active.title", model, 409)).build();
        }
    }

    private Award awardForClaim(PageContext context, String id) {
        return shown(context, () -> claims.checkCreate(context.actor(), AwardId.fromPath(id)));
    }

    private Award awardForOutcome(PageContext context, String id) {
        return shown(context, () -> outcomes.checkReport(context.actor(), AwardId.fromPath(id)));
    }

    private Claim visibleClaim(PageContext context, String id) {
        return shown(context, () -> claims.get(context.actor(), ClaimId.fromPath(id))).claim();
    }

    private Claim changeableClaim(PageContext context, String id) {
        Claim claim = visibleClaim(context, id);
        shown(context, () -> {
            ClaimTransition.SUBMIT.requireRole(context.actor());
            return null;
        });
        if (!ClaimTransition.SUBMIT.allowedFrom(claim.status())) {
            throw new PageException(404, context);
        }
        return claim;
    }

    private static boolean may(Actor actor, AwardTransition transition, Award award) {
        return actor.role() == transition.role() && transition.allowedFrom(award.status());
    }

    private static boolean mayClaim(Actor actor, Award award) {
        return actor.role() == ClaimTransition.SUBMIT.role() && award.status() == AwardStatus.ACTIVE;
    }

    private static boolean mayChange(Actor actor, Claim claim) {
        return actor.role() == ClaimTransition.SUBMIT.role() && ClaimTransition.SUBMIT.allowedFrom(claim.status());
    }

    // ---- refusals, explained

    private static List<Map<String, String>> claimProblems(PageContext context, Award award, String year,
                                                           ClaimForm form, DomainException refusal) {
        List<Map<String, String>> problems = new ArrayList<>();
        if (refusal instanceof ValidationException invalid) {
            for (ValidationException.FieldError error : invalid.errors()) {
                Map<String, String> problem = claimFieldProblem(context, error.field(), year);
                if (problems.stream().noneMatch(known -> known.get("field").equals(problem.get("field")))) {
                    problems.add(problem);
                }
            }
        } else if (refusal instanceof RuleViolationException rule) {
            String key = "claimform.refusal." + rule.rule();
            String field = rule.rule().equals("overlapping-period") ? "periodStart" : "line-0-amount";
            Money total = form.total();
            problems.add(problem(context, field, context.messages().has(key) ? key : "claimform.refusal.rule",
                    context.messages().money(context.language(), total == null ? Money.ZERO : total),
                    context.messages().money(context.language(), award.amount())));
        } else {
            problems.add(problem(context, "", "claimform.refusal.state"));
        }
        return problems;
    }

    private static final Pattern LINE_FIELD = Pattern.compile("lines\\[(\\d+)]\\.(category|description|amount)");

    private static Map<String, String> claimFieldProblem(PageContext context, String field, String year) {
        Matcher line = LINE_FIELD.matcher(field);
        if (line.matches()) {
            int number = Integer.parseInt(line.group(1));
            return problem(context, "line-" + number + "-" + line.group(2), "claimform.error." + line.group(2),
                    number + 1);
        }
        return switch (field) {
            case "periodStart", "periodEnd" -> problem(context, field, "claimform.error." + field, year);
            default -> problem(context, "line-0-category", "claimform.error.lines");
        };
    }

    /** One error: the field it is about (its id, for the summary's link and the inline message) and its text. */
    private static Map<String, String> problem(PageContext context, String field, String key, Object... arguments) {
        String href = field.isEmpty() ? "" : field.equals("periodStart") || field.equals("periodEnd")
                ? "#" + field + "-day" : "#" + field;
        return Map.of("field", field, "href", href, "text",
                context.messages().get(context.language(), key, arguments));
    }

    private static Map<String, String> fieldErrors(List<Map<String, String>> problems) {
        Map<String, String> errors = new HashMap<>();
        for (Map<String, String> problem : problems) {
            if (!problem.get("field").isEmpty()) {
                errors.putIfAbsent(problem.get("field"), problem.get("text"));
            }
        }
        return errors;
    }

    private String financialYear(PageContext context, Award award) {
        return new Names(context.actor(), schemes, organisations).scheme(award).financialYear().toString();
    }

    /** A date from the GOV.UK date input's three fields, as the services read dates; anything else as typed. */
    static String date(Map<String, String> fields, String prefix) {
        return Forms.isoDate(fields.get(prefix + "-day"), fields.get(prefix + "-month"), fields.get(prefix + "-year"));
    }

    private static String megabytes(long bytes) {
        return String.valueOf(Math.max(1, bytes / (1024 * 1024)));
    }

    private static void drain(InputStream body, long maxBytes) {
        try {
            byte[] sink = new byte[64 * 1024];
            long drained = 0;
            int read;
            while (drained < maxBytes && (read = body.read(sink)) >= 0) {
                drained += read;
            }
        } catch (IOException gone) {
            // the client has gone; there is nobody left to answer
        }
    }

    /**
     * The claim form's fields as entered: the period's three date fields each, and the lines in order. Adding and
     * removing lines happens here, on the posted fields, so the form works without JavaScript and loses nothing.
     */
    record ClaimForm(Map<String, String> period, List<Map<String, String>> lines) {
        private static final List<String> PERIOD_FIELDS = List.of("periodStart-day", "periodStart-month",
                "periodStart-year", "periodEnd-day", "periodEnd-month", "periodEnd-year");
        private static final List<String> LINE_FIELDS = List.of("category", "description", "amount");

        static ClaimForm empty() {
            Map<String, String> period = new HashMap<>();
            PERIOD_FIELDS.forEach(name -> period.put(name, ""));
            return new ClaimForm(period, List.of(blankLine()));
        }

        static ClaimForm of(Claim claim) {
            Map<String, String> period = new HashMap<>();
            period.put("periodStart-day", String.valueOf(claim.periodStart().getDayOfMonth()));
            period.put("periodStart-month", String.valueOf(claim.periodStart().getMonthValue()));
            period.put("periodStart-year", String.valueOf(claim.periodStart().getYear()));
            period.put("periodEnd-day", String.valueOf(claim.periodEnd().getDayOfMonth()));
            period.put("periodEnd-month", String.valueOf(claim.periodEnd().getMonthValue()));
            period.put("periodEnd-year", String.valueOf(claim.periodEnd().getYear()));
            List<Map<String, String>> lines = new ArrayList<>();
            for (ClaimLine line : claim.lines()) {
                lines.add(Map.of("category", line.category(), "description", line.description(),
                        "amount", line.amount().toDecimalString()));
            }
            return new ClaimForm(period, lines);
        }

        static ClaimForm read(MultivaluedMap<String, String> fields) {
            Map<String, String> period = new HashMap<>();
            PERIOD_FIELDS.forEach(name -> period.put(name, value(fields, name)));
            List<Map<String, String>> lines = new ArrayList<>();
            for (int index = 0; index < MAX_FORM_LINES; index++) {
                String prefix = "line-" + index + "-";
                if (LINE_FIELDS.stream().noneMatch(name -> fields.containsKey(prefix + name))) {
                    break;
                }
                Map<String, String> line = new HashMap<>();
                LINE_FIELDS.forEach(name -> line.put(name, value(fields, prefix + name)));
                lines.add(line);
            }
            if (lines.isEmpty()) {
                lines.add(blankLine());
            }
            return new ClaimForm(period, lines);
        }

        /** The form after "Add another line" or a line's "Remove"; one line always stays. */
        ClaimForm after(String action) {
            List<Map<String, String>> changed = new ArrayList<>(lines);
            Matcher remove = action == null ? null : REMOVE.matcher(action);
            if ("add-line".equals(action) && changed.size() < MAX_FORM_LINES) {
                changed.add(blankLine());
            } else if (remove != null && remove.matches()) {
                int index = Integer.parseInt(remove.group(1));
                if (index < changed.size() && changed.size() > 1) {
                    changed.remove(index);
                }
            }
            return new ClaimForm(period, changed);
        }

        /** The lines left entirely empty are dropped (one line always stays, for its errors). */
        ClaimForm withoutBlankLines() {
            List<Map<String, String>> filled = lines.stream()
                    .filter(line -> LINE_FIELDS.stream().anyMatch(name -> !line.get(name).isBlank()))
                    .toList();
            return new ClaimForm(period, filled.isEmpty() ? List.of(blankLine()) : filled);
        }

        NewClaim toNewClaim() {
            List<NewClaim.NewClaimLine> requested = lines.stream()
                    .map(line -> new NewClaim.NewClaimLine(line.get("category"), line.get("description"),
                            amount(line.get("amount"))))
                    .toList();
            return new NewClaim(date(period, "periodStart"), date(period, "periodEnd"), requested);
        }

        /** The lines' sum as entered, for a refusal's words; null if any amount is not money. */
        Money total() {
            try {
                return ClaimLine.total(lines.stream().map(line -> new ClaimLine("-", "-",
                        Money.parse(amount(line.get("amount"))))).toList());
            } catch (RuntimeException notMoney) {
                return null;
            }
        }

        Map<String, Object> model() {
            return Map.of("period", period, "lines", lines);
        }

        private static Map<String, String> blankLine() {
            return Map.of("category", "", "description", "", "amount", "");
        }
    }
}
