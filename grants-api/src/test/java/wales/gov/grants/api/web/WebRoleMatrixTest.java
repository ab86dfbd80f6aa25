package wales.gov.grants.api.web;

import java.util.ArrayList;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import java.util.stream.Stream;

import io.dropwizard.testing.junit5.DropwizardAppExtension;
import io.dropwizard.testing.junit5.DropwizardExtensionsSupport;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import wales.gov.grants.api.ApiTestSupport;
import wales.gov.grants.api.GrantsConfiguration;
import wales.gov.grants.awards.Award;
import wales.gov.grants.claims.Claim;
import wales.gov.grants.kernel.Actor;
import wales.gov.grants.kernel.Role;
import wales.gov.grants.schemes.Scheme;
import wales.gov.grants.testing.Fixtures;
import wales.gov.grants.testing.TestClock;
import wales.gov.grants.users.User;

import static org.assertj.core.api.Assertions.assertThat;

/** Who may open which page: each role, a recipient of the claim's organisation and one of another, and nobody. */
@ExtendWith(DropwizardExtensionsSupport.class)
class WebRoleMatrixTest {
    static final TestClock CLOCK = new TestClock();
    static final DropwizardAppExtension<GrantsConfiguration> APP = ApiTestSupport.application(CLOCK);
    private static final Fixtures FIXTURES = ApiTestSupport.fixtures(CLOCK);

    enum Who { ANONYMOUS, ADMIN, GRANT_MANAGER, FINANCE_OFFICER, AUDITOR, RECIPIENT_OWN, RECIPIENT_OTHER }

    record PageRoute(String name, Function<Claim, String> path) {
        @Override
        public String toString() {
            return name;
        }
    }

    private static final Actor MANAGER = FIXTURES.actor(Role.GRANT_MANAGER);
    private static final Actor CARDIFF = FIXTURES.recipient(FIXTURES.cardiff());
    private static final Claim CLAIM = claim();
    private static final Map<Who, User> USERS = users();

    private static Claim claim() {
        Scheme scheme = FIXTURES.scheme(MANAGER, "1000.00", "500.00");
        Award award = FIXTURES.activeAward(MANAGER, scheme, FIXTURES.cardiff(), "900.00", CARDIFF);
        return FIXTURES.submittedClaim(CARDIFF, award, 10, "40.00");
    }

    private static Map<Who, User> users() {
        Map<Who, User> users = new EnumMap<>(Who.class);
        users.put(Who.ADMIN, FIXTURES.user(Role.ADMIN, null));
        users.put(Who.GRANT_MANAGER, FIXTURES.user(Role.GRANT_MANAGER, null));
        users.put(Who.FINANCE_OFFICER, FIXTURES.user(Role.FINANCE_OFFICER, null));
        users.put(Who.AUDITOR, FIXTURES.user(Role.AUDITOR, null));
        users.put(Who.RECIPIENT_OWN, FIXTURES.user(Role.RECIPIENT, FIXTURES.cardiff()));
        users.put(Who.RECIPIENT_OTHER, FIXTURES.user(Role.RECIPIENT, FIXTURES.swansea()));
        return users;
    }

    static Stream<Arguments> matrix() {
        PageRoute home = new PageRoute("GET /", claim -> "/");
        PageRoute queue = new PageRoute("GET /claims", claim -> "/claims");
        PageRoute page = new PageRoute("GET /claims/{id}", claim -> "/claims/" + claim.id());
        PageRoute approve = new PageRoute("GET /claims/{id}/approve", claim -> "/claims/" + claim.id() + "/approve");
        PageRoute reject = new PageRoute("GET /claims/{id}/reject", claim -> "/claims/" + claim.id() + "/reject");
        PageRoute query = new PageRoute("GET /claims/{id}/query", claim -> "/claims/" + claim.id() + "/query");
        PageRoute missing = new PageRoute("GET /claims/{unknown}",
                claim -> "/claims/00000000-0000-0000-0000-000000000000");
        // expected status per caller: ANONYMOUS, ADMIN, GRANT_MANAGER, FINANCE_OFFICER, AUDITOR, RECIPIENT_OWN,
        // RECIPIENT_OTHER; 303 is the way to the sign-in page. The services decide: an administrator may read one
        // claim but has no work queue.
        Object[][] table = {
                {home, 200, 200, 200, 200, 200, 200, 200},
                {queue, 303, 403, 200, 200, 200, 200, 200},
                {page, 303, 200, 200, 200, 200, 200, 404},
                {approve, 303, 403, 403, 200, 403, 403, 403},
                {reject, 303, 403, 403, 200, 403, 403, 403},
                {query, 303, 403, 403, 200, 403, 403, 403},
                {missing, 303, 404, 404, 404, 404, 404, 404},
                // the recipient's pages: a submitted claim is no longer checked or changed by its organisation
                {new PageRoute("GET /awards", claim -> "/awards"), 303, 200, 200, 200, 200, 200, 200},
                {new PageRoute("GET /awards/{id}", claim -> "/awards/" + claim.awardId()),
                        303, 200, 200, 200, 200, 200, 404},
                {new PageRoute("GET /awards/{id}/accept", claim -> "/awards/" + claim.awardId() + "/accept"),
                        303, 403, 403, 403, 403, 200, 404},
                {new PageRoute("GET /awards/{id}/claims/new", claim -> "/awards/" + claim.awardId() + "/claims/new"),
                        303, 403, 403, 403, 403, 200, 404},
                {new PageRoute("GET /awards/{id}/outcomes/new",
                        claim -> "/awards/" + claim.awardId() + "/outcomes/new"), 303, 403, 403, 403, 403, 200, 404},
                {new PageRoute("GET /claims/{id}/check", claim -> "/claims/" + claim.id() + "/check"),
                        303, 403, 403, 403, 403, 303, 404},
                {new PageRoute("GET /claims/{id}/edit", claim -> "/claims/" + claim.id() + "/edit"),
                        303, 403, 403, 403, 403, 404, 404},
                {new PageRoute("GET /claims/{id}/evidence", claim -> "/claims/" + claim.id() + "/evidence"),
                        303, 403, 403, 403, 403, 200, 404},
                {new PageRoute("GET /claims/{id}/submitted", claim -> "/claims/" + claim.id() + "/submitted"),
                        303, 403, 403, 403, 403, 200, 404},
                {new PageRoute("GET /awards/{unknown}", claim -> "/awards/00000000-0000-0000-0000-000000000000"),
                        303, 404, 404, 404, 404, 404, 404},
                // the grant manager's and auditor's pages: schemes are any signed-in user's, as in the API (a
                // recipient's scheme page lists its own awards only); the claim's award is ACTIVE, so its offer and
                // withdraw pages explain the refusal to a grant manager
                {new PageRoute("GET /schemes", claim -> "/schemes"), 303, 200, 200, 200, 200, 200, 200},
                {new PageRoute("GET /schemes/{id}", claim -> "/schemes/" + claim.schemeId()),
                        303, 200, 200, 200, 200, 200, 200},
                {new PageRoute("GET /awards/new?scheme={id}", claim -> "/awards/new?scheme=" + claim.schemeId()),
                        303, 403, 200, 403, 403, 403, 403},
                {new PageRoute("GET /awards/{id}/offer", claim -> "/awards/" + claim.awardId() + "/offer"),
                        303, 403, 200, 403, 403, 403, 403},
                {new PageRoute("GET /awards/{id}/withdraw", claim -> "/awards/" + claim.awardId() + "/withdraw"),
                        303, 403, 200, 403, 403, 403, 403},
                {new PageRoute("GET /awards/{id}/close", claim -> "/awards/" + claim.awardId() + "/close"),
                        303, 403, 200, 403, 403, 403, 403},
                {new PageRoute("GET /awards/{id}/audit", claim -> "/awards/" + claim.awardId() + "/audit"),
                        303, 403, 403, 403, 200, 403, 404},
                {new PageRoute("GET /awards/{unknown}/audit",
                        claim -> "/awards/00000000-0000-0000-0000-000000000000/audit"),
                        303, 404, 404, 404, 404, 404, 404},
                // the finance officer's payments and recoveries: recording is the finance officer's; the lists are
                // also the auditor's and the grant manager's, as in the API; another organisation's award is a 404
                {new PageRoute("GET /claims/{id}/payments/new", claim -> "/claims/" + claim.id() + "/payments/new"),
                        303, 403, 403, 200, 403, 403, 403},
                {new PageRoute("GET /payments", claim -> "/payments"), 303, 403, 200, 200, 200, 403, 403},
                {new PageRoute("GET /recoveries", claim -> "/recoveries"), 303, 403, 200, 200, 200, 403, 403},
                {new PageRoute("GET /awards/{id}/recoveries", claim -> "/awards/" + claim.awardId() + "/recoveries"),
                        303, 403, 200, 200, 200, 403, 404},
                {new PageRoute("GET /awards/{id}/recoveries/new",
                        claim -> "/awards/" + claim.awardId() + "/recoveries/new"), 303, 403, 403, 200, 403, 403, 404},
                {new PageRoute("GET /awards/{unknown}/recoveries",
                        claim -> "/awards/00000000-0000-0000-0000-000000000000/recoveries"),
                        303, 404, 404, 404, 404, 404, 404},
        };
        List<Arguments> cases = new ArrayList<>();
        for (Object[] row : table) {
            for (Who who : Who.values()) {
                cases.add(Arguments.of(row[0], who, row[1 + who.ordinal()]));
            }
        }
        return cases.stream();
    }

    @ParameterizedTest(name = "{0} as {1} is {2}")
    @MethodSource("matrix")
    void eachCallerGetsTheRightAnswer(PageRoute route, Who who, int expected) {
        WebClient browser = new WebClient(APP.getLocalPort());
        if (who != Who.ANONYMOUS) {
            assertThat(browser.signIn(USERS.get(who).username(), Fixtures.PASSWORD).status()).isEqualTo(303);
        }

        WebClient.Reply reply = browser.get(route.path().apply(CLAIM));

        assertThat(reply.status()).as(reply.body()).isEqualTo(expected);
        if (expected != 303) {
            assertThat(reply.header("Content-Type")).startsWith("text/html");
        }
    }
}
