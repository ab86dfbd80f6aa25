package wales.gov.grants.api;

import java.lang.management.ManagementFactory;
import java.time.Clock;
import java.time.Duration;
import java.util.EnumSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.StreamReadConstraints;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.cfg.CoercionAction;
import com.fasterxml.jackson.databind.cfg.CoercionInputShape;
import com.fasterxml.jackson.databind.type.LogicalType;
import freemarker.template.Configuration;
import io.dropwizard.assets.AssetsBundle;
import io.dropwizard.auth.AuthDynamicFeature;
import io.dropwizard.auth.AuthValueFactoryProvider;
import io.dropwizard.configuration.EnvironmentVariableSubstitutor;
import io.dropwizard.configuration.SubstitutingSourceProvider;
import io.dropwizard.core.Application;
import io.dropwizard.core.setup.Bootstrap;
import io.dropwizard.core.setup.Environment;
import io.dropwizard.jdbi3.JdbiFactory;
import io.dropwizard.lifecycle.Managed;
import io.dropwizard.lifecycle.ServerLifecycleListener;
import io.dropwizard.views.common.ViewBundle;
import io.dropwizard.views.freemarker.FreemarkerViewRenderer;
import jakarta.servlet.DispatcherType;
import org.eclipse.jetty.server.Server;
import org.eclipse.jetty.util.component.LifeCycle;
import org.glassfish.jersey.server.filter.RolesAllowedDynamicFeature;
import org.jdbi.v3.core.Jdbi;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import wales.gov.grants.api.auth.ClientAddressFilter;
import wales.gov.grants.api.auth.GrantsAuthFilter;
import wales.gov.grants.api.auth.GrantsPrincipal;
import wales.gov.grants.api.errors.BodySizeFilter;
import wales.gov.grants.api.errors.ClientGoneInterceptor;
import wales.gov.grants.api.errors.DatabaseExceptionMapper;
import wales.gov.grants.api.errors.DomainExceptionMappers;
import wales.gov.grants.api.errors.EvidenceUnavailableMapper;
import wales.gov.grants.api.errors.FrameworkExceptionMappers;
import wales.gov.grants.api.errors.ProblemErrorHandler;
import wales.gov.grants.api.errors.RequestBodyInterceptor;
import wales.gov.grants.api.errors.UnsupportedMethodFilter;
import wales.gov.grants.api.health.EvidenceStorageHealthCheck;
import wales.gov.grants.api.openapi.OpenApiResource;
import wales.gov.grants.api.resources.AuditResource;
import wales.gov.grants.api.resources.AwardClaimResource;
import wales.gov.grants.api.resources.AwardEvidenceResource;
import wales.gov.grants.api.resources.AwardPackResource;
import wales.gov.grants.api.resources.AwardResource;
import wales.gov.grants.api.resources.ClaimResource;
import wales.gov.grants.api.resources.DelegationResource;
import wales.gov.grants.api.resources.EvidenceResource;
import wales.gov.grants.api.resources.IdempotentCreations;
import wales.gov.grants.api.resources.OrganisationResource;
import wales.gov.grants.api.resources.OutcomeResource;
import wales.gov.grants.api.resources.RecoveryResource;
import wales.gov.grants.api.resources.SchemePackResource;
import wales.gov.grants.api.resources.SchemeSampleResource;
import wales.gov.grants.api.resources.SampleResource;
import wales.gov.grants.api.resources.SchemeResource;
import wales.gov.grants.api.resources.TokenResource;
import wales.gov.grants.api.resources.UserResource;
import wales.gov.grants.api.web.AuditPages;
import wales.gov.grants.api.web.ClaimPages;
import wales.gov.grants.api.web.ManagerPages;
import wales.gov.grants.api.web.Messages;
import wales.gov.grants.api.web.PageExceptionMapper;
import wales.gov.grants.api.web.RecipientPages;
import wales.gov.grants.api.web.PaymentPages;
import wales.gov.grants.api.web.RecoveryPages;
import wales.gov.grants.api.web.SignInPages;
import wales.gov.grants.api.web.WebFilter;
import wales.gov.grants.api.web.WebRequests;
import wales.gov.grants.demo.DemoData;
import wales.gov.grants.evidence.EvidenceStorage;
import wales.gov.grants.kernel.AwardId;
import wales.gov.grants.wiring.GrantsCoreConfiguration;
import wales.gov.grants.wiring.GrantsRuntime;
import wales.gov.grants.users.WebSessionService;
import wales.gov.grants.wiring.GrantsServices;

import static java.util.Objects.requireNonNull;

public class GrantsApplication extends Application<GrantsConfiguration> {
    private static final Logger LOG = LoggerFactory.getLogger(GrantsApplication.class);

    /** GOV.UK Frontend's compiled CSS, JavaScript and images, from its webjar. */
    private static final String GOVUK_FRONTEND = "/META-INF/resources/webjars/govuk-frontend/5.14.0/dist/govuk";

    private final Clock clock;

    public GrantsApplication() {
        this(Clock.systemUTC());
    }

    /** An application on {@code clock}: the system clock in production, a clock the test moves in tests. */
    public GrantsApplication(Clock clock) {
        this.clock = requireNonNull(clock, "clock is null");
    }

    public static void main(String[] args) throws Exception {
        new GrantsApplication().run(args);
    }

    @Override
    public String getName() {
        return "grants";
    }

    @Override
    public void initialize(Bootstrap<GrantsConfiguration> bootstrap) {
        bootstrap.setConfigurationSourceProvider(new SubstitutingSourceProvider(
                bootstrap.getConfigurationSourceProvider(), new EnvironmentVariableSubstitutor(false)));
        bootstrap.addBundle(new ViewBundle<>(List.of(new FreemarkerViewRenderer(Configuration.VERSION_2_3_34))));
        bootstrap.addBundle(new AssetsBundle(GOVUK_FRONTEND, "/govuk", null, "govuk-frontend"));
        // the design system's images only: its GDS Transport font is for GOV.UK, which this service is not on
        bootstrap.addBundle(new AssetsBundle(GOVUK_FRONTEND + "/assets/images", "/assets/images", null,
                "govuk-frontend-images"));
        bootstrap.addBundle(new AssetsBundle("/web/static", "/static", null, "web-static"));
    }

    @Override
    public void run(GrantsConfiguration configuration, Environment environment) {
        configureJson(environment.getObjectMapper());

        GrantsRuntime runtime = GrantsRuntime.start(configuration, environment.metrics(), clock,
                (settings, dataSource) -> new JdbiFactory().build(environment, settings, dataSource, "postgresql"));
        // registered after the pool JdbiFactory manages, so it stops first: the pool, then the embedded PostgreSQL
        environment.lifecycle().manage(new Managed() {
            @Override
            public void stop() {
                runtime.close();
            }
        });
        GrantsServices services = runtime.services();
        EvidenceStorage storage = runtime.evidenceStorage();
        Jdbi jdbi = services.jdbi();
        boolean demo = configuration.getMode() == GrantsCoreConfiguration.Mode.DEMO;
        environment.lifecycle().manage(new AuditCheckpointSchedule(services.checkpoints(),
                configuration.getAudit().getCheckpointInterval().toJavaDuration()));
        IdempotentCreations creations = new IdempotentCreations(services.idempotency(), environment.getObjectMapper());
        // Before serving: temporary files and unrecorded stored files can only be left by a crash mid-upload.
        int temporary = storage.deleteTemporaryFiles();
        int orphans = services.evidence().sweepOrphans();
        if (temporary > 0 || orphans > 0) {
            LOG.warn("Evidence storage {}: deleted {} unfinished upload(s) and {} unrecorded file(s)", storage.root(),
                    temporary, orphans);
        }

        DemoData.loadOrganisations(jdbi);
        Map<DemoData.StoryAward, AwardId> storyAwards = Map.of();
        if (demo) {
            DemoData demoData = new DemoData(jdbi, services.passwordHasher(), runtime::servicesOn);
            demoData.load();
            storyAwards = demoData.storyAwardIds();
        }

        List<Object> resources = List.of(
                new OrganisationResource(services.organisations(), creations),
                new UserResource(services.users(), services.auth(), creations),
                new SchemeResource(services.schemes(), creations),
                new AwardResource(services.awards(), services.auditTrail(), creations),
                new AwardClaimResource(services.claims(), creations),
                new ClaimResource(services.claims(), creations),
                new RecoveryResource(services.recoveries(), creations),
                new TokenResource(services.auth(), services.tokens()),
                new AwardEvidenceResource(services.evidence()),
                new EvidenceResource(services.evidence()),
                new OutcomeResource(services.outcomes(), creations),
                new AuditResource(services.verifier(), services.signingKey().publicKey()),
                new AwardPackResource(services.packs()),
                new SchemePackResource(services.packs()),
                new SchemeSampleResource(services.samples(), creations),
                new SampleResource(services.samples()),
                new DelegationResource(services.delegations(), creations),
                new OpenApiResource());
        WebRequests webRequests = new WebRequests(new WebSessionService(jdbi, clock,
                configuration.getWeb().getSessionIdleTimeout().toJavaDuration(), services.auth(), services.auditLog()),
                new Messages());
        List<Object> pages = List.of(
                new SignInPages(webRequests),
                new ClaimPages(webRequests, services.claims(), services.schemes(), services.organisations(),
                        services.evidence(), services.delegations()),
                new RecipientPages(webRequests, services.awards(), services.claims(), services.evidence(),
                        services.outcomes(), services.schemes(), services.organisations()),
                new ManagerPages(webRequests, services.schemes(), services.awards(), services.organisations(),
                        services.idempotency()),
                new AuditPages(webRequests, services.awards(), services.schemes(), services.organisations(),
                        services.auditTrail(), services.verifier(), services.packs()),
                new PaymentPages(webRequests, services.claims(), services.schemes(), services.organisations()),
                new RecoveryPages(webRequests, services.recoveries(), services.claims(), services.awards(),
                        services.schemes(), services.organisations()));
        // first of all filters, before Dropwizard's own allowed-methods filter and its empty 405
        environment.servlets().addFilter("unsupported-method", new UnsupportedMethodFilter(
                        java.util.stream.Stream.concat(resources.stream(), pages.stream()).toList()))
                .addMappingForUrlPatterns(EnumSet.of(DispatcherType.REQUEST), false, "/*");
        environment.servlets()
                .addFilter("client-address", new ClientAddressFilter(configuration.getAuth().getTrustedProxies()))
                .addMappingForUrlPatterns(EnumSet.of(DispatcherType.REQUEST), true, "/*");
        environment.servlets().addFilter("web-headers", new WebFilter())
                .addMappingForUrlPatterns(EnumSet.of(DispatcherType.REQUEST), true, "/*");
        environment.jersey().register(new BodySizeFilter(configuration.getMaxJsonBody().toBytes()));
        environment.jersey().register(new RequestBodyInterceptor(configuration.getMaxJsonBody().toBytes()));
        environment.jersey().register(ClientGoneInterceptor.class);
        environment.jersey().register(new AuthDynamicFeature(new GrantsAuthFilter(services.auth())));
        environment.jersey().register(RolesAllowedDynamicFeature.class);
        environment.jersey().register(new AuthValueFactoryProvider.Binder<>(GrantsPrincipal.class));
        for (Object mapper : DomainExceptionMappers.all()) {
            environment.jersey().register(mapper);
        }
        for (Object mapper : FrameworkExceptionMappers.all()) {
            environment.jersey().register(mapper);
        }
        environment.jersey().register(new DatabaseExceptionMapper());
        environment.jersey().register(new EvidenceUnavailableMapper());
        environment.healthChecks().register("evidence-storage", new EvidenceStorageHealthCheck(services.evidence(),
                configuration.getEvidence().getHealthCheckRecentFiles()));

        resources.forEach(environment.jersey()::register);
        pages.forEach(environment.jersey()::register);
        environment.jersey().register(new PageExceptionMapper());
        environment.jersey().register(new PageExceptionMapper.SignInRequiredMapper());

        environment.lifecycle().addEventListener(new LifeCycle.Listener() {
            @Override
            public void lifeCycleStarting(LifeCycle event) {
                if (event instanceof Server server) {
                    server.setErrorHandler(new ProblemErrorHandler());
                }
            }
        });
        Map<DemoData.StoryAward, AwardId> announcedStories = storyAwards;
        environment.lifecycle().addServerLifecycleListener(new ServerLifecycleListener() {
            @Override
            public void serverStarted(Server server) {
                announce(demo, getLocalPort(server), announcedStories);
            }
        });
    }

    static void configureJson(ObjectMapper mapper) {
        mapper.enable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES);
        mapper.enable(DeserializationFeature.FAIL_ON_NULL_FOR_PRIMITIVES);
        // {"amount":"1.00","amount":"999.00"} is refused, not read as its last value
        mapper.enable(JsonParser.Feature.STRICT_DUPLICATE_DETECTION);
        // Amounts are decimal strings: a JSON number where a string is expected is refused, never coerced.
        mapper.coercionConfigFor(LogicalType.Textual)
                .setCoercion(CoercionInputShape.Integer, CoercionAction.Fail)
                .setCoercion(CoercionInputShape.Float, CoercionAction.Fail)
                .setCoercion(CoercionInputShape.Boolean, CoercionAction.Fail);
        mapper.getFactory().setStreamReadConstraints(StreamReadConstraints.builder()
                .maxStringLength(1_000_000)
                .maxNestingDepth(50)
                .build());
    }

    private static void announce(boolean demo, int port, Map<DemoData.StoryAward, AwardId> storyAwards) {
        long startedInMillis = Duration.ofMillis(System.currentTimeMillis()
                - ManagementFactory.getRuntimeMXBean().getStartTime()).toMillis();
        StringBuilder banner = new StringBuilder()
                .append("\n  Grants administration and audit system is running at http://localhost:").append(port)
                .append("/  (the API at /api/v1; started in ").append(startedInMillis).append(" ms)\n")
                .append("  OpenAPI: http://localhost:").append(port).append("/openapi.json\n");
        if (demo) {
            banner.append("  Demo users (password '").append(DemoData.PASSWORD).append("'):\n");
            for (DemoData.DemoUser user : DemoData.USERS) {
                banner.append(String.format("    %-9s %-16s %s%n", user.username(), user.role(), user.displayName()));
            }
            banner.append("  Try: curl -u manager:").append(DemoData.PASSWORD).append(" http://localhost:")
                    .append(port).append("/api/v1/schemes\n");
            if (!storyAwards.isEmpty()) {
                banner.append("  Audit packs worth opening (lang=en or lang=cy), e.g. curl -u auditor:")
                        .append(DemoData.PASSWORD).append(" -o pack.pdf \"<url>\":\n");
            }
            for (Map.Entry<DemoData.StoryAward, AwardId> story : storyAwards.entrySet()) {
                banner.append(String.format("    %-22s http://localhost:%d/api/v1/awards/%s/audit-pack?lang=en%n",
                        story.getKey().description(), port, story.getValue()));
            }
        }
        LOG.info("Started");
        System.out.println(banner);
    }
}
