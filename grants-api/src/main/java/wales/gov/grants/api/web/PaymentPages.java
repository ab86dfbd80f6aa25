package wales.gov.grants.api.web;

import java.net.URI;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

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
import wales.gov.grants.claims.Claim;
import wales.gov.grants.claims.ClaimDetails;
import wales.gov.grants.claims.ClaimService;
import wales.gov.grants.claims.NewPayment;
import wales.gov.grants.claims.PaymentListing;
import wales.gov.grants.kernel.Actor;
import wales.gov.grants.kernel.ClaimId;
import wales.gov.grants.kernel.DomainException;
import wales.gov.grants.kernel.MoneyMovement;
import wales.gov.grants.kernel.Page;
import wales.gov.grants.kernel.RuleViolationException;
import wales.gov.grants.kernel.StateConflictException;
import wales.gov.grants.kernel.ValidationException;
import wales.gov.grants.organisations.OrganisationService;
import wales.gov.grants.schemes.Scheme;
import wales.gov.grants.schemes.SchemeService;

import static java.util.Objects.requireNonNull;
import static wales.gov.grants.api.web.Forms.shown;

/**
 * Recording a payment on an approved claim (a form, a check of what will be recorded, then the record) and the
 * payments list. {@link ClaimService} decides: who may pay, which claims take payments, how much, on which day.
 */
@Path("/")
@Produces(MediaType.TEXT_HTML + ";charset=UTF-8")
public final class PaymentPages {
    static final int PAGE_SIZE = 20;
    private static final Map<String, String> INPUTS = Map.of("amount", "amount", "paidOn", "paidOn-day",
            "reference", "reference");

    private final WebRequests requests;
    private final ClaimService claims;
    private final SchemeService schemes;
    private final OrganisationService organisations;

    public PaymentPages(WebRequests requests, ClaimService claims, SchemeService schemes,
                        OrganisationService organisations) {
        this.requests = requireNonNull(requests, "requests is null");
        this.claims = requireNonNull(claims, "claims is null");
        this.schemes = requireNonNull(schemes, "schemes is null");
        this.organisations = requireNonNull(organisations, "organisations is null");
    }

    @GET
    @Path("claims/{id}/payments/new")
    public wales.gov.grants.api.web.Page form(@Context HttpServletRequest request, @PathParam("id") String id) {
        PageContext context = requests.signedIn(request);
        return formPage(context, details(context, id), MovementForm.EMPTY, List.of(), 200);
    }

    /**
     * The form's answer: without {@code confirm} the entries are checked as the service reads them and shown for
     * confirmation; with it, the payment is recorded, or the service's refusal is explained on the form.
     */
    @POST
    @Path("claims/{id}/payments/new")
    public Response submit(@Context HttpServletRequest request, @PathParam("id") String id,
                           @FormParam("amount") String amount, @FormParam("paidOn-day") String day,
                           @FormParam("paidOn-month") String month, @FormParam("paidOn-year") String year,
                           @FormParam("reference") String reference, @FormParam("confirm") String confirm,
                           @FormParam(WebRequests.CSRF_FIELD) String csrfToken) {
        PageContext context = requests.signedIn(request);
        requests.checkCsrf(context, csrfToken);
        ClaimDetails details = details(context, id);
        Claim claim = details.claim();
        MovementForm form = new MovementForm(amount, day, month, year, reference);
        if ("no".equals(confirm)) {
            return Response.ok(formPage(context, details, form, List.of(), 200)).build();
        }
        NewPayment payment = new NewPayment(form.pounds(), form.isoDate(), form.reference());
        try {
            if (!"yes".equals(confirm)) {
                MoneyMovement checked = shown(context, () -> claims.previewPayment(context.actor(), claim.id(),
                        payment));
                Map<String, Object> model = model(context, details);
                model.put("form", form);
                model.put("payment", checked);
                return Response.ok(new wales.gov.grants.api.web.Page("payment-check", context, "payment.check.title",
                        model)).build();
            }
            shown(context, () -> claims.pay(context.actor(), claim.id(), payment));
        } catch (ValidationException | RuleViolationException | StateConflictException e) {
            return Response.status(422).entity(formPage(context, details, form, refusal(context, e, claim), 422))
                    .build();
        }
        return Response.seeOther(URI.create("/claims/" + claim.id() + "?done=paid")).build();
    }

    @GET
    @Path("payments")
    public wales.gov.grants.api.web.Page list(@Context HttpServletRequest request,
                                             @QueryParam("scheme") String scheme,
                                             @QueryParam("from-day") String fromDay,
                                             @QueryParam("from-month") String fromMonth,
                                             @QueryParam("from-year") String fromYear,
                                             @QueryParam("to-day") String toDay,
                                             @QueryParam("to-month") String toMonth,
                                             @QueryParam("to-year") String toYear,
                                             @QueryParam("page") String pageNumber) {
        PageContext context = requests.signedIn(request);
        Actor actor = context.actor();
        int number = Forms.pageNumber(context, pageNumber);
        String from = Forms.isoDate(fromDay, fromMonth, fromYear);
        String to = Forms.isoDate(toDay, toMonth, toYear);
        List<FormError> errors = new ArrayList<>();
        ClaimService.PaymentFilter filter;
        try {
            filter = shown(context, () -> ClaimService.PaymentFilter.parse(Forms.blank(scheme), null, from,
                    to));
        } catch (ValidationException e) {
            if (e.errors().stream().anyMatch(error -> error.field().equals("schemeId"))) {
                throw new PageException(400, context);
            }
            errors.addAll(Forms.refusal(context, "payment.filter", e,
                    Map.of("paidFrom", "from-day", "paidTo", "to-day")));
            filter = new ClaimService.PaymentFilter(null, null, null, null);
        }
        ClaimService.PaymentFilter applied = filter;
        Page<PaymentListing> page = shown(context, () -> claims.payments(actor, applied,
                Page.Request.of(PAGE_SIZE, (long) (number - 1) * PAGE_SIZE)));
        List<Scheme> allSchemes = shown(context, () -> schemes.list(actor, null, Page.Request.of(Page.MAX_LIMIT, 0L)))
                .items();
        Names names = new Names(actor, schemes, organisations).knowing(allSchemes,
                shown(context, () -> organisations.list(actor, Page.Request.of(Page.MAX_LIMIT, 0L))).items());
        List<Map<String, Object>> rows = new ArrayList<>();
        for (PaymentListing listing : page.items()) {
            Map<String, Object> row = new HashMap<>();
            row.put("payment", listing.payment());
            row.put("scheme", names.scheme(listing.schemeId()));
            row.put("organisation", names.organisation(listing.organisationId()));
            rows.add(row);
        }
        Map<String, Object> model = new HashMap<>();
        model.put("rows", rows);
        model.put("total", page.total());
        model.put("pageNumber", number);
        model.put("pages", Math.max(1, (page.total() + PAGE_SIZE - 1) / PAGE_SIZE));
        model.put("schemes", allSchemes);
        model.put("scheme", scheme == null ? "" : scheme);
        Map<String, String> dates = new LinkedHashMap<>();
        dates.put("from-day", Forms.trimmed(fromDay));
        dates.put("from-month", Forms.trimmed(fromMonth));
        dates.put("from-year", Forms.trimmed(fromYear));
        dates.put("to-day", Forms.trimmed(toDay));
        dates.put("to-month", Forms.trimmed(toMonth));
        dates.put("to-year", Forms.trimmed(toYear));
        model.put("dates", dates);
        model.put("errors", errors);
        model.put("fieldErrors", fieldErrors(errors));
        StringBuilder query = new StringBuilder("scheme=").append(scheme == null ? "" : encode(scheme));
        dates.forEach((name, value) -> query.append('&').append(name).append('=').append(encode(value)));
        model.put("filterQuery", query.toString());
        return new wales.gov.grants.api.web.Page("payments", context, "payment.list.title", model);
    }

    private ClaimDetails details(PageContext context, String id) {
        ClaimId claimId = shown(context, () -> ClaimId.fromPath(id));
        return shown(context, () -> claims.forPayment(context.actor(), claimId));
    }

    private Map<String, Object> model(PageContext context, ClaimDetails details) {
        Claim claim = details.claim();
        Names names = new Names(context.actor(), schemes, organisations);
        Map<String, Object> model = new HashMap<>();
        model.put("claim", claim);
        model.put("details", details);
        model.put("scheme", names.scheme(claim.schemeId()));
        model.put("organisation", names.organisation(claim.organisationId()));
        model.put("needsTwo", claim.needsTwoApprovals(names.scheme(claim.schemeId()).dualApprovalThreshold()));
        model.put("acceptsPayments", claim.acceptsPayments());
        return model;
    }

    private wales.gov.grants.api.web.Page formPage(PageContext context, ClaimDetails details, MovementForm form,
                                                   List<FormError> errors, int status) {
        Map<String, Object> model = model(context, details);
        model.put("form", form);
        model.put("errors", errors);
        model.put("fieldErrors", fieldErrors(errors));
        return new wales.gov.grants.api.web.Page("payment-form", context, "payment.form.title", model, status);
    }

    private static List<FormError> refusal(PageContext context, DomainException e, Claim claim) {
        Messages messages = context.messages();
        String payable = messages.money(context.language(), claim.payable());
        String approvedOn = Forms.day(context, claim.decidedAt());
        return Forms.refusal(context, "payment", e, INPUTS, payable, approvedOn);
    }

    static Map<String, String> fieldErrors(List<FormError> errors) {
        Map<String, String> fields = new HashMap<>();
        for (FormError error : errors) {
            if (!error.field().isEmpty()) {
                fields.putIfAbsent(error.field(), error.text());
            }
        }
        return fields;
    }

    private static String encode(String value) {
        return java.net.URLEncoder.encode(value, java.nio.charset.StandardCharsets.UTF_8);
    }
}
