package wales.gov.grants.api.web;

import java.math.BigDecimal;
import java.net.URI;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

import jakarta.servlet.http.HttpServletRequest;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.MultivaluedMap;
import jakarta.ws.rs.core.Response;
import wales.gov.grants.awards.Award;
import wales.gov.grants.awards.AwardService;
import wales.gov.grants.awards.AwardTransition;
import wales.gov.grants.awards.ClosePreview;
import wales.gov.grants.awards.NewAward;
import wales.gov.grants.awards.UnfinishedClaimsException;
import wales.gov.grants.idempotency.IdempotencyService;
import wales.gov.grants.kernel.Actor;
import wales.gov.grants.kernel.AwardId;
import wales.gov.grants.kernel.Money;
import wales.gov.grants.kernel.NotFoundException;
import wales.gov.grants.kernel.OrganisationId;
import wales.gov.grants.kernel.Page;
import wales.gov.grants.kernel.PermissionDeniedException;
import wales.gov.grants.kernel.RuleViolationException;
import wales.gov.grants.kernel.SchemeId;
import wales.gov.grants.kernel.StateConflictException;
import wales.gov.grants.kernel.ValidationException;
import wales.gov.grants.organisations.Organisation;
import wales.gov.grants.organisations.OrganisationService;
import wales.gov.grants.schemes.Scheme;
import wales.gov.grants.schemes.SchemeService;

import static java.util.Objects.requireNonNull;

/**
 * The grant manager's pages: schemes with their money as bars, a scheme's awards, drafting an award, and offering,
 * withdrawing or closing one after a confirmation. Who may see and do what, the budget rule and the award's states are
 * {@link SchemeService}'s and {@link AwardService}'s; a refusal is explained in the error summary.
 */
@Path("/")
@Produces(MediaType.TEXT_HTML + ";charset=UTF-8")
public final class ManagerPages {
    static final int PAGE_SIZE = 20;
    /** The most outcome-target rows the form offers; the service's own limit is checked by the service. */
    static final int MAX_TARGET_ROWS = 50;
    /** The grant manager's actions on an award, by the last part of their paths, in the order they are listed. */
    private static final Map<String, AwardTransition> ACTIONS = orderedActions();

    private final WebRequests requests;
    private final SchemeService schemes;
    private final AwardService awards;
    private final OrganisationService organisations;
    private final IdempotencyService idempotency;

    public ManagerPages(WebRequests requests, SchemeService schemes, AwardService awards,
                        OrganisationService organisations, IdempotencyService idempotency) {
        this.requests = requireNonNull(requests, "requests is null");
        this.schemes = requireNonNull(schemes, "schemes is null");
        this.awards = requireNonNull(awards, "awards is null");
        this.organisations = requireNonNull(organisations, "organisations is null");
        this.idempotency = requireNonNull(idempotency, "idempotency is null");
    }

    @GET
    @Path("schemes")
    public wales.gov.grants.api.web.Page schemes(@Context HttpServletRequest request,
                                                @QueryParam("page") String pageNumber) {
        PageContext context = requests.signedIn(request);
        int number = Forms.pageNumber(context, pageNumber);
        Page<Scheme> page = Forms.filter(context, () -> schemes.list(context.actor(), null,
                Page.Request.of(PAGE_SIZE, (long) (number - 1) * PAGE_SIZE)));
        Map<String, Object> model = new HashMap<>();
        model.put("bars", page.items().stream().map(SchemeBars::of).toList());
        model.put("total", page.total());
        model.put("pageNumber", number);
        model.put("pages", pages(page.total()));
        return new wales.gov.grants.api.web.Page("schemes", context, "scheme.list.title", model);
    }

    @GET
    @Path("schemes/{id}")
    public wales.gov.grants.api.web.Page scheme(@Context HttpServletRequest request, @PathParam("id") String id,
                                               @QueryParam("page") String pageNumber,
                                               @QueryParam("done") String done,
                                               @QueryParam("award") String doneAward) {
        PageContext context = requests.signedIn(request);
        Actor actor = context.actor();
        Scheme scheme = Forms.filter(context, () -> schemes.get(actor, SchemeId.fromPath(id)));
        int number = Forms.pageNumber(context, pageNumber);
        Page<Award> page = Forms.filter(context, () -> awards.list(actor, new AwardService.AwardFilter(scheme.id(), null,
                null), Page.Request.of(PAGE_SIZE, (long) (number - 1) * PAGE_SIZE)));
        Map<OrganisationId, Organisation> names = new HashMap<>();
        List<Map<String, Object>> rows = new ArrayList<>();
        for (Award award : page.items()) {
            Map<String, Object> row = new HashMap<>();
            row.put("award", award);
            row.put("organisation", names.computeIfAbsent(award.organisationId(),
                    key -> organisations.get(actor, key)));
            List<String> actions = new ArrayList<>();
            for (Map.Entry<String, AwardTransition> action : ACTIONS.entrySet()) {
                if (action.getValue().role() == actor.role() && action.getValue().allowedFrom(award.status())) {
                    actions.add(action.getKey());
                }
            }
            row.put("actions", actions);
            rows.add(row);
        }
        Map<String, Object> model = new HashMap<>();
        model.put("scheme", scheme);
        model.put("bar", SchemeBars.of(scheme));
        model.put("rows", rows);
        model.put("total", page.total());
        model.put("pageNumber", number);
        model.put("pages", pages(page.total()));
        model.put("mayCreate", allowed(() -> AwardService.requireCreator(actor)));
        model.put("mayAudit", actor.role() == wales.gov.grants.kernel.Role.AUDITOR);
        if (done != null && Set.of("created", "offered", "withdrawn", "closed").contains(done) && doneAward != null) {
            AwardId.parse(doneAward).ifPresent(awardId -> {
                try {
                    Award award = awards.get(actor, awardId);
                    if (award.schemeId().equals(scheme.id())) {
                        model.put("done", done);
                        model.put("doneAward", award);
                        model.put("doneOrganisation", organisations.get(actor, award.organisationId()));
                    }
                } catch (NotFoundException | PermissionDeniedException e) {
                    // a banner about an award the user may not see is not shown
                }
            });
        }
        return new wales.gov.grants.api.web.Page("scheme", context, "scheme.page.title", model);
    }

    @GET
    @Path("awards/new")
    public wales.gov.grants.api.web.Page newAward(@Context HttpServletRequest request,
                                                 @QueryParam("scheme") String schemeId) {
        PageContext context = requests.signedIn(request);
        Forms.filter(context, () -> {
            AwardService.requireCreator(context.actor());
            return null;
        });
        Scheme scheme = scheme(context, schemeId);
        AwardForm form = AwardForm.empty(WebRequests.randomToken());
        return formPage(context, scheme, form, List.of(), Map.of(), 200);
    }

    @POST
    @Path("awards/new")
    public Response createAward(@Context HttpServletRequest request, @QueryParam("scheme") String schemeId,
                                MultivaluedMap<String, String> fields) {
        PageContext context = requests.signedIn(request);
        requests.checkCsrf(context, fields.getFirst(WebRequests.CSRF_FIELD));
        Actor actor = context.actor();
        Forms.filter(context, () -> {
            AwardService.requireCreator(actor);
            return null;
        });
        Scheme scheme = scheme(context, schemeId);
        AwardForm form = AwardForm.of(fields);
        if ("add".equals(fields.getFirst("action"))) {
            return Response.ok(formPage(context, scheme, form.withAnotherRow(), List.of(), Map.of(), 200)).build();
        }
        AwardErrors errors = new AwardErrors(context);
        NewAward award = form.request(scheme.id(), errors);
        if (errors.any()) {
            // the page could not read a figure: the service still checks everything else, changing nothing
            awards.checkAll(actor, List.of(award)).forEach(problem -> errors.add(problem.field(), problem.message(),
                    scheme));
            return Response.status(422).entity(formPage(context, scheme, form, errors.summary(), errors.inline(),
                    422)).build();
        }
        String submission = form.submission();
        try {
            IdempotencyService.StoredResponse created = idempotency.execute(actor,
                    submission.isEmpty() ? null : submission,
                    "POST /awards/new?scheme=" + scheme.id() + "\n" + form.fingerprint(), () -> {
                        Award made = awards.create(actor, award);
                        return IdempotencyService.StoredResponse.created(made.id().toString(),
                                "/schemes/" + scheme.id() + "?done=created&award=" + made.id());
                    });
            return Response.seeOther(URI.create(created.location())).build();
        } catch (RuleViolationException e) {
            if (e.rule().equals("idempotency-key-reused")) {
                errors.add("submission", "resubmitted", scheme);
            } else {
                errors.add("amount", e.rule().equals("budget-exceeded") ? "budget" : e.getMessage(),
                        schemes.get(actor, scheme.id()));
            }
        } catch (ValidationException e) {
            e.errors().forEach(error -> errors.add(error.field(), error.message(), scheme));
        }
        return Response.status(422).entity(formPage(context, scheme, form, errors.summary(), errors.inline(), 422))
                .build();
    }

    @GET
    @Path("awards/{id}/{action: offer|withdraw|close}")
    public wales.gov.grants.api.web.Page confirm(@Context HttpServletRequest request, @PathParam("id") String id,
                                                @PathParam("action") String action) {
        PageContext context = requests.signedIn(request);
        AwardTransition transition = ACTIONS.get(action);
        Forms.filter(context, () -> {
            transition.requireRole(context.actor());
            return null;
        });
        return actionPage(context, id, action, null, List.of(), 200);
    }

    @POST
    @Path("awards/{id}/{action: offer|withdraw|close}")
    public Response act(@Context HttpServletRequest request, @PathParam("id") String id,
                        @PathParam("action") String action, MultivaluedMap<String, String> fields) {
        PageContext context = requests.signedIn(request);
        requests.checkCsrf(context, fields.getFirst(WebRequests.CSRF_FIELD));
        Actor actor = context.actor();
        AwardTransition transition = ACTIONS.get(action);
        Forms.filter(context, () -> {
            transition.requireRole(actor);
            return null;
        });
        AwardId awardId = Forms.filter(context, () -> AwardId.fromPath(id));
        String unfinished = fields.getFirst("unfinished");
        Award after;
        try {
            after = Forms.filter(context, () -> transition == AwardTransition.CLOSE
                    ? awards.close(actor, awardId, "close".equals(unfinished) ? AwardService.IfClaimsUnfinished.CLOSE
                            : AwardService.IfClaimsUnfinished.KEEP_OPEN).award()
                    : awards.transition(actor, awardId, transition));
        } catch (UnfinishedClaimsException e) {
            return Response.status(409).entity(actionPage(context, id, action, unfinished,
                    List.of(Map.of("href", "#unfinished", "text", context.messages().get(context.language(),
                            "manage.close.choose"))), 409)).build();
        } catch (StateConflictException | RuleViolationException e) {
            return Response.status(409).entity(actionPage(context, id, action, unfinished,
                    List.of(Map.of("href", "", "text", context.messages().get(context.language(),
                            "manage.refused.state"))), 409)).build();
        }
        String done = switch (transition) {
            case OFFER -> "offered";
            case WITHDRAW -> "withdrawn";
            case CLOSE -> "closed";
            case ACCEPT -> throw new IllegalStateException("not a grant manager's action");
        };
        return Response.seeOther(URI.create("/schemes/" + after.schemeId() + "?done=" + done + "&award="
                + after.id())).build();
    }

    private wales.gov.grants.api.web.Page actionPage(PageContext context, String id, String action,
                                                     String unfinished, List<Map<String, String>> errors,
                                                     int status) {
        Actor actor = context.actor();
        AwardTransition transition = ACTIONS.get(action);
        Award award = Forms.filter(context, () -> awards.get(actor, AwardId.fromPath(id)));
        Map<String, Object> model = new HashMap<>();
        model.put("award", award);
        model.put("action", action);
        model.put("scheme", schemes.get(actor, award.schemeId()));
        model.put("organisation", organisations.get(actor, award.organisationId()));
        model.put("unfinished", unfinished == null ? "" : unfinished);
        List<Map<String, String>> shownErrors = new ArrayList<>(errors);
        boolean possible = transition.allowedFrom(award.status());
        if (possible && transition == AwardTransition.CLOSE) {
            try {
                ClosePreview preview = awards.previewClose(actor, award.id());
                model.put("preview", preview);
            } catch (StateConflictException e) {
                possible = false;
            }
        }
        if (!possible && errors.isEmpty()) {
            shownErrors.add(Map.of("href", "", "text", context.messages().get(context.language(),
                    "manage.refused." + action, context.messages().get(context.language(),
                            "awardStatus." + award.status().name()))));
        }
        model.put("possible", possible);
        model.put("errors", shownErrors);
        return new wales.gov.grants.api.web.Page("award-action", context, "manage." + action + ".title", model,
                status);
    }

    private wales.gov.grants.api.web.Page formPage(PageContext context, Scheme scheme, AwardForm form,
                                                   List<Map<String, String>> errors, Map<String, String> inline,
                                                   int status) {
        List<Organisation> all = Forms.filter(context, () -> organisations.list(context.actor(),
                Page.Request.of(Page.MAX_LIMIT, 0L))).items();
        Map<String, Object> model = new HashMap<>();
        model.put("scheme", scheme);
        model.put("bar", SchemeBars.of(scheme));
        model.put("organisations", all);
        model.put("form", form);
        model.put("errors", errors);
        model.put("inline", inline);
        return new wales.gov.grants.api.web.Page("award-new", context, "manage.new.title", model, status);
    }

    private Scheme scheme(PageContext context, String schemeId) {
        if (schemeId == null) {
            throw new PageException(404, context);
        }
        return Forms.filter(context, () -> schemes.get(context.actor(), SchemeId.fromPath(schemeId)));
    }

    private static Map<String, AwardTransition> orderedActions() {
        Map<String, AwardTransition> actions = new LinkedHashMap<>();
        actions.put("offer", AwardTransition.OFFER);
        actions.put("withdraw", AwardTransition.WITHDRAW);
        actions.put("close", AwardTransition.CLOSE);
        return java.util.Collections.unmodifiableMap(actions);
    }

    private static long pages(long total) {
        return Math.max(1, (total + PAGE_SIZE - 1) / PAGE_SIZE);
    }

    private static boolean allowed(Runnable check) {
        try {
            check.run();
            return true;
        } catch (PermissionDeniedException e) {
            return false;
        }
    }

    /**
     * A scheme's money as the bars draw it: each figure's share of the budget in tenths of a percent (drawing only;
     * the figures themselves are shown as money beside the bars).
     */
    public record SchemeBars(Scheme scheme, int allocated, int approved, int paid) {
        static SchemeBars of(Scheme scheme) {
            return new SchemeBars(scheme, share(scheme.allocated(), scheme.budget()),
                    share(scheme.approved(), scheme.budget()), share(scheme.paid(), scheme.budget()));
        }

        private static int share(Money part, Money whole) {
            if (whole.pence() <= 0) {
                return 0;
            }
            long tenths = BigDecimal.valueOf(part.pence()).multiply(BigDecimal.valueOf(1000))
                    .divide(BigDecimal.valueOf(whole.pence()), 0, java.math.RoundingMode.DOWN).longValue();
            return (int) Math.max(0, Math.min(1000, tenths));
        }

        /** e.g. "62.5" */
        public static String percent(int tenths) {
            return (tenths / 10) + "." + (tenths % 10);
        }
    }

    /** One outcome-target row of the form, as typed. */
    public record TargetRow(String measure, String description, String target) {
        boolean blank() {
            return measure.isBlank() && description.isBlank() && target.isBlank();
        }
    }

    /** The award form as typed, kept whole so that a refused form comes back with every value. */
    public record AwardForm(String organisation, String amount, String conditions, List<TargetRow> targets,
                            String submission) {
        static AwardForm empty(String submission) {
            return new AwardForm("", "", "", List.of(new TargetRow("", "", "")), submission);
        }

        static AwardForm of(MultivaluedMap<String, String> fields) {
            int rows = 1;
            try {
                rows = Math.max(1, Math.min(MAX_TARGET_ROWS, Integer.parseInt(Forms.value(fields, "targetRows"))));
            } catch (NumberFormatException e) {
                // one row, as on a new form
            }
            List<TargetRow> targets = new ArrayList<>();
            for (int index = 0; index < rows; index++) {
                targets.add(new TargetRow(Forms.value(fields, "target-" + index + "-measure"),
                        Forms.value(fields, "target-" + index + "-description"), Forms.value(fields, "target-" + index + "-value")));
            }
            String submission = Forms.value(fields, "submission");
            return new AwardForm(Forms.value(fields, "organisation"), Forms.value(fields, "amount"), Forms.value(fields, "conditions"),
                    targets, submission.length() <= 255 ? submission : "");
        }

        AwardForm withAnotherRow() {
            List<TargetRow> more = new ArrayList<>(targets);
            if (more.size() < MAX_TARGET_ROWS) {
                more.add(new TargetRow("", "", ""));
            }
            return new AwardForm(organisation, amount, conditions, more, submission);
        }

        /** The request the service checks; figures the page cannot read are left out and reported. */
        NewAward request(SchemeId scheme, AwardErrors errors) {
            List<String> conditionList = conditions.lines().map(String::strip).filter(line -> !line.isEmpty())
                    .toList();
            List<NewAward.NewOutcomeTarget> sent = new ArrayList<>();
            for (int index = 0; index < targets.size(); index++) {
                TargetRow row = targets.get(index);
                if (row.blank()) {
                    continue;
                }
                errors.sentRow(sent.size(), index);
                BigDecimal value = null;
                String text = row.target().strip().replace(",", "");
                if (!text.isEmpty()) {
                    try {
                        value = text.length() > 40 ? null : new BigDecimal(text);
                    } catch (NumberFormatException e) {
                        value = null;
                    }
                    if (value == null) {
                        errors.add("outcomeTargets[" + sent.size() + "].target", "unreadable", null);
                    }
                }
                sent.add(new NewAward.NewOutcomeTarget(row.measure().strip(), row.description(), value));
            }
            return new NewAward(scheme.toString(), organisation.isBlank() ? null : organisation, amount(amount),
                    conditionList, sent);
        }

        /** A canonical form of what was sent, so a resubmission of the same form is known for what it is. */
        String fingerprint() {
            StringBuilder text = new StringBuilder().append(organisation).append('\n').append(amount).append('\n')
                    .append(conditions.length()).append(':').append(conditions);
            for (TargetRow row : targets) {
                if (!row.blank()) {
                    text.append('\n').append(row.measure().length()).append(':').append(row.measure())
                            .append(row.description().length()).append(':').append(row.description())
                            .append(row.target().length()).append(':').append(row.target());
                }
            }
            return text.toString();
        }

        /** Pounds as people write them: a leading £ and thousands commas ("£25,000.50") are read as 25000.50. */
        static String amount(String typed) {
            return Forms.blank(Forms.amount(typed));
        }

    }

    /** The form's errors: each service field's message in the page's language, linked to its input. */
    static final class AwardErrors {
        private final PageContext context;
        private final Map<Integer, Integer> rowOfSent = new HashMap<>();
        private final Map<String, String> inline = new LinkedHashMap<>();

        AwardErrors(PageContext context) {
            this.context = context;
        }

        void sentRow(int sent, int row) {
            rowOfSent.put(sent, row);
        }

        boolean any() {
            return !inline.isEmpty();
        }

        /** {@code message} is the service's (English) or a page reason: the page words it by field. */
        void add(String field, String message, Scheme scheme) {
            String id;
            String key;
            Object[] arguments = {};
            if (field.equals("organisationId")) {
                id = "organisation";
                key = "manage.error.organisation";
            } else if (field.equals("amount")) {
                id = "amount";
                if (message.equals("budget") || message.startsWith("the awards of")) {
                    key = "manage.error.budget";
                    arguments = new Object[] {money(scheme.unallocated()), money(scheme.budget())};
                } else {
                    key = "manage.error.amount";
                }
            } else if (field.startsWith("conditions")) {
                id = "conditions";
                key = field.equals("conditions") ? "manage.error.conditions-many" : "manage.error.condition";
            } else if (field.equals("submission")) {
                id = "";
                key = "manage.error.resubmitted";
            } else if (field.startsWith("outcomeTargets[")) {
                int close = field.indexOf(']');
                int sent = Integer.parseInt(field.substring("outcomeTargets[".length(), close));
                int row = rowOfSent.getOrDefault(sent, sent);
                String part = field.substring(close + 1);
                switch (part) {
                    case ".measure" -> {
                        id = "target-" + row + "-measure";
                        key = message.startsWith("repeats") ? "manage.error.measure-repeated" : "manage.error.measure";
                    }
                    case ".description" -> {
                        id = "target-" + row + "-description";
                        key = "manage.error.description";
                    }
                    case ".target" -> {
                        id = "target-" + row + "-value";
                        key = "manage.error.target";
                    }
                    default -> {
                        id = "target-" + row + "-measure";
                        key = "manage.error.measure";
                    }
                }
            } else if (field.equals("outcomeTargets")) {
                id = "target-0-measure";
                key = "manage.error.targets-many";
            } else {
                id = "";
                key = "manage.error.other";
            }
            if (inline.containsKey(id) && !id.isEmpty()) {
                return; // the page's own reading of a field comes first
            }
            inline.put(id.isEmpty() ? "#" + key : id, context.messages().get(context.language(), key, arguments));
        }

        private String money(Money money) {
            return context.messages().money(context.language(), money);
        }

        List<Map<String, String>> summary() {
            List<Map<String, String>> summary = new ArrayList<>();
            inline.forEach((id, text) -> summary.add(Map.of("href", id.startsWith("#") ? "" : "#" + id, "text",
                    text)));
            return summary;
        }

        Map<String, String> inline() {
            Map<String, String> fields = new HashMap<>();
            inline.forEach((id, text) -> {
                if (!id.startsWith("#")) {
                    fields.put(id, text);
                }
            });
            return fields;
        }
    }
}
