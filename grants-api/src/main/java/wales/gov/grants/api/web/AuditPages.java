package wales.gov.grants.api.web;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import jakarta.servlet.http.HttpServletRequest;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import wales.gov.grants.api.resources.PackDownloads;
import wales.gov.grants.audit.AuditVerification;
import wales.gov.grants.audit.AuditVerifier;
import wales.gov.grants.audit.ChainedEvent;
import wales.gov.grants.awards.AuditTrailService;
import wales.gov.grants.awards.Award;
import wales.gov.grants.awards.AwardService;
import wales.gov.grants.kernel.Actor;
import wales.gov.grants.kernel.AwardId;
import wales.gov.grants.kernel.Page;
import wales.gov.grants.organisations.OrganisationService;
import wales.gov.grants.packs.AuditPackService;
import wales.gov.grants.packs.CheckResult;
import wales.gov.grants.schemes.SchemeService;

import static java.util.Objects.requireNonNull;
import static wales.gov.grants.api.web.Forms.filter;
import static wales.gov.grants.api.web.Forms.pageNumber;

/**
 * The auditor's page of an award: its audit chain, the whole trail's verification (the API's {@code /audit/verify}),
 * the certification checks its pack would carry, and the pack itself in English or Welsh, sent by the API's own
 * {@link PackDownloads} from {@link AuditPackService}, so it is the same file and the same recorded download.
 */
@Path("/")
@Produces(MediaType.TEXT_HTML + ";charset=UTF-8")
public final class AuditPages {
    static final int PAGE_SIZE = 25;
    private static final int HASH_PREFIX = 12;

    private final WebRequests requests;
    private final AwardService awards;
    private final SchemeService schemes;
    private final OrganisationService organisations;
    private final AuditTrailService trail;
    private final AuditVerifier verifier;
    private final AuditPackService packs;

    public AuditPages(WebRequests requests, AwardService awards, SchemeService schemes,
                      OrganisationService organisations, AuditTrailService trail, AuditVerifier verifier,
                      AuditPackService packs) {
        this.requests = requireNonNull(requests, "requests is null");
        this.awards = requireNonNull(awards, "awards is null");
        this.schemes = requireNonNull(schemes, "schemes is null");
        this.organisations = requireNonNull(organisations, "organisations is null");
        this.trail = requireNonNull(trail, "trail is null");
        this.verifier = requireNonNull(verifier, "verifier is null");
        this.packs = requireNonNull(packs, "packs is null");
    }

    @GET
    @Path("awards/{id}/audit")
    public wales.gov.grants.api.web.Page audit(@Context HttpServletRequest request, @PathParam("id") String id,
                                              @QueryParam("page") String pageNumber) {
        PageContext context = requests.signedIn(request);
        Actor actor = context.actor();
        int number = pageNumber(context, pageNumber);
        // visibility first (another organisation's award is a 404), then the roles of verification and the pack
        Award award = filter(context, () -> awards.get(actor, AwardId.fromPath(id)));
        AuditVerification verification = filter(context, () -> verifier.verifyAll(actor));
        AuditPackService.Certified certified = filter(context, () -> packs.certification(actor, award.id()));
        Page<ChainedEvent> events = filter(context, () -> trail.chainForAward(actor, award.id(),
                Page.Request.of(PAGE_SIZE, (long) (number - 1) * PAGE_SIZE)));
        Messages messages = context.messages();
        String language = context.language();
        List<Map<String, Object>> rows = new ArrayList<>();
        for (ChainedEvent event : events.items()) {
            Map<String, Object> row = new HashMap<>();
            row.put("event", event);
            String key = "action." + event.action();
            row.put("action", messages.has(key) ? messages.get(language, key) : event.action());
            row.put("role", event.actorRole() == null ? "" : messages.get(language, "role." + event.actorRole()));
            row.put("hash", event.hash().substring(0, Math.min(HASH_PREFIX, event.hash().length())));
            rows.add(row);
        }
        List<Map<String, Object>> checks = new ArrayList<>();
        for (CheckResult check : certified.checks()) {
            Map<String, Object> row = new HashMap<>();
            row.put("name", messages.get(language, "check." + check.check().name()));
            row.put("passed", check.passed());
            row.put("reason", messages.get(language, check.reasonKey(), check.arguments().toArray()));
            checks.add(row);
        }
        Map<String, Object> model = new HashMap<>();
        model.put("award", award);
        model.put("scheme", schemes.get(actor, award.schemeId()));
        model.put("organisation", organisations.get(actor, award.organisationId()));
        model.put("verification", verification);
        model.put("firstProblem", verification.problems().isEmpty() ? "" : verification.problems().get(0)
                .description());
        model.put("chain", certified.chain());
        model.put("checks", checks);
        model.put("rows", rows);
        model.put("total", events.total());
        model.put("pageNumber", number);
        model.put("pages", Math.max(1, (events.total() + PAGE_SIZE - 1) / PAGE_SIZE));
        return new wales.gov.grants.api.web.Page("award-audit", context, "audit.title", model);
    }

    /** The award's pack, as {@code GET /api/v1/awards/{id}/audit-pack?lang=} sends it. */
    @GET
    @Path("awards/{id}/pack")
    @Produces(MediaType.WILDCARD)
    public Response pack(@Context HttpServletRequest request, @PathParam("id") String id,
                         @QueryParam("lang") String lang) {
        PageContext context = requests.signedIn(request);
        return PackDownloads.send(filter(context, () -> packs.awardPack(context.actor(), AwardId.fromPath(id),
                PackDownloads.language(lang))));
    }
}
