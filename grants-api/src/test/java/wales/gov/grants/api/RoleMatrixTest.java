package wales.gov.grants.api;

import java.util.ArrayList;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import java.util.stream.Stream;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.dropwizard.testing.junit5.DropwizardAppExtension;
import io.dropwizard.testing.junit5.DropwizardExtensionsSupport;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import wales.gov.grants.api.ApiTestSupport.Caller;
import wales.gov.grants.api.ApiTestSupport.Reply;
import wales.gov.grants.awards.Award;
import wales.gov.grants.awards.AwardTransition;
import wales.gov.grants.delegations.NewDelegation;
import wales.gov.grants.kernel.Actor;
import wales.gov.grants.kernel.Page;
import wales.gov.grants.kernel.Role;
import wales.gov.grants.kernel.TokenId;
import wales.gov.grants.organisations.NewOrganisation;
import wales.gov.grants.organisations.Organisation;
import wales.gov.grants.schemes.Scheme;
import wales.gov.grants.testing.Fixtures;
import wales.gov.grants.testing.TestClock;
import wales.gov.grants.users.User;

import static org.assertj.core.api.Assertions.assertThat;

/** Who may call what: every endpoint of this release for every kind of caller, successes and denials alike. */
@ExtendWith(DropwizardExtensionsSupport.class)
class RoleMatrixTest {
    static final TestClock CLOCK = new TestClock();
    static final DropwizardAppExtension<GrantsConfiguration> APP = ApiTestSupport.application(CLOCK);
    private static final ObjectMapper JSON = new ObjectMapper();

    /** The callers: each role, a recipient of the award's organisation, one of another, and nobody. */
    enum Who { ANONYMOUS, ADMIN, GRANT_MANAGER, FINANCE_OFFICER, AUDITOR, RECIPIENT_OWN, RECIPIENT_OTHER }

    /** An endpoint and the award state it needs, so that the permitted caller can succeed. */
    record Endpoint(String name, String method, Function<World, String> path, Function<World, String> body) {
        @Override
        public String toString() {
            return name;
        }
    }

    /**
     * Fresh data for one call: a scheme and one award in each state, a user to administer, an organisation to
     * rename, and a token of the grant manager's to revoke.
     */
    record World(Scheme scheme, Award draft, Award offered, Award active, User user, Organisation organisation,
                 TokenId managerToken) {
    }

    private static final Fixtures FIXTURES = ApiTestSupport.fixtures(CLOCK);
    private static final Actor MANAGER = FIXTURES.actor(Role.GRANT_MANAGER);
    private static final Map<Who, User> USERS = users();

    static Stream<Arguments> matrix() {
        Endpoint organisations = new Endpoint("GET /organisations", "GET", world -> "/api/v1/organisations", null);
        Endpoint schemes = new Endpoint("GET /schemes", "GET", world -> "/api/v1/schemes", null);
        Endpoint scheme = new Endpoint("GET /schemes/{id}", "GET", world -> "/api/v1/schemes/" + world.scheme().id(), null);
        Endpoint createScheme = new Endpoint("POST /schemes", "POST", world -> "/api/v1/schemes", world -> json(Map.of(
                "code", Fixtures.unique("M").toUpperCase().replaceAll("[^A-Z0-9]", ""), "nameEn", "Scheme",
                "nameCy", "Cynllun", "financialYear", "2019-20", "budget", "10.00", "dualApprovalThreshold", "5.00")));
        Endpoint createAward = new Endpoint("POST /awards", "POST", world -> "/api/v1/awards", world -> json(Map.of(
                "schemeId", world.scheme().id().toString(), "organisationId", FIXTURES.cardiff().id().toString(),
                "amount", "1.00")));
        Endpoint awards = new Endpoint("GET /awards", "GET", world -> "/api/v1/awards", null);
        Endpoint award = new Endpoint("GET /awards/{id}", "GET", world -> "/api/v1/awards/" + world.draft().id(), null);
        Endpoint trail = new Endpoint("GET /awards/{id}/audit-events", "GET",
                world -> "/api/v1/awards/" + world.draft().id() + "/audit-events", null);
        Endpoint offer = new Endpoint("POST /awards/{id}/offer", "POST",
                world -> "/api/v1/awards/" + world.draft().id() + "/offer", null);
        Endpoint accept = new Endpoint("POST /awards/{id}/accept", "POST",
                world -> "/api/v1/awards/" + world.offered().id() + "/accept", null);
        Endpoint withdraw = new Endpoint("POST /awards/{id}/withdraw", "POST",
                world -> "/api/v1/awards/" + world.offered().id() + "/withdraw", null);
        Endpoint close = new Endpoint("POST /awards/{id}/close", "POST",
                world -> "/api/v1/awards/" + world.active().id() + "/close", null);
        Endpoint token = new Endpoint("POST /tokens", "POST", world -> "/api/v1/tokens", null);
        Endpoint verify = new Endpoint("GET /audit/verify", "GET", world -> "/api/v1/audit/verify", null);
        Endpoint publicKey = new Endpoint("GET /audit/public-key", "GET", world -> "/api/v1/audit/public-key", null);
        Endpoint awardPack = new Endpoint("GET /awards/{id}/audit-pack", "GET",
                world -> "/api/v1/awards/" + world.active().id() + "/audit-pack?lang=cy", null);
        Endpoint schemePack = new Endpoint("GET /schemes/{id}/audit-pack", "GET",
                world -> "/api/v1/schemes/" + world.scheme().id() + "/audit-pack", null);
        Endpoint users = new Endpoint("GET /users", "GET", world -> "/api/v1/users", null);
        Endpoint user = new Endpoint("GET /users/{id}", "GET", world -> "/api/v1/users/" + world.user().id(), null);
        Endpoint me = new Endpoint("GET /users/me", "GET", world -> "/api/v1/users/me", null);
        Endpoint createUser = new Endpoint("POST /users", "POST", world -> "/api/v1/users", world -> json(Map.of(
                "username", Fixtures.unique("matrix-"), "displayName", "Matrix", "role", "AUDITOR",
                "password", "a long and unusual passphrase")));
        Endpoint disable = new Endpoint("POST /users/{id}/disable", "POST",
                world -> "/api/v1/users/" + world.user().id() + "/disable", null);
        Endpoint enable = new Endpoint("POST /users/{id}/enable", "POST",
                world -> "/api/v1/users/" + world.user().id() + "/enable", null);
        Endpoint unlock = new Endpoint("POST /users/{id}/unlock", "POST",
                world -> "/api/v1/users/" + world.user().id() + "/unlock", null);
        // a new password every caller may set but none may choose (too short), so the callers keep theirs
        Endpoint password = new Endpoint("POST /users/me/password", "POST", world -> "/api/v1/users/me/password",
                world -> json(Map.of("currentPassword", Fixtures.PASSWORD, "newPassword", "short")));
        Endpoint createOrganisation = new Endpoint("POST /organisations", "POST", world -> "/api/v1/organisations",
                world -> json(Map.of("code", Fixtures.unique("O").toUpperCase().replaceAll("[^A-Z0-9]", ""),
                        "nameEn", "Organisation", "nameCy", "Sefydliad", "type", "OTHER")));
        Endpoint renameOrganisation = new Endpoint("PATCH /organisations/{id}", "PATCH",
                world -> "/api/v1/organisations/" + world.organisation().id(),
                world -> json(Map.of("nameCy", "Sefydliad newydd")));
        Endpoint tokens = new Endpoint("GET /tokens", "GET", world -> "/api/v1/tokens", null);
        Endpoint revokeToken = new Endpoint("DELETE /tokens/{id}", "DELETE",
                world -> "/api/v1/tokens/" + world.managerToken(), null);
        Endpoint signOut = new Endpoint("DELETE /tokens/current", "DELETE", world -> "/api/v1/tokens/current", null);
        Endpoint drawSample = new Endpoint("POST /schemes/{id}/samples", "POST",
                world -> "/api/v1/schemes/" + sampledScheme(world) + "/samples",
                world -> json(Map.of("size", 1, "seed", 7)));
        Endpoint sample = new Endpoint("GET /samples/{id}", "GET", world -> "/api/v1/samples/" + sample(world), null);
        Endpoint samplePack = new Endpoint("GET /samples/{id}/pack", "GET",
                world -> "/api/v1/samples/" + sample(world) + "/pack?lang=cy", null);
        // issue 13: double funding and delegation; each call's claim and delegation are its own
        Endpoint warnings = new Endpoint("GET /claims/{id}/warnings", "GET", world -> "/api/v1/claims/"
                + FIXTURES.draftClaim(USERS.get(Who.RECIPIENT_OWN).asActor(), world.active(), 0, "1.00").id()
                + "/warnings", null);
        Endpoint delegate = new Endpoint("POST /delegations", "POST", world -> "/api/v1/delegations",
                world -> json(Map.of("delegateId", FIXTURES.user(Role.FINANCE_OFFICER, null).id().toString(),
                        "from", CLOCK.today().toString(), "to", CLOCK.today().toString(), "reason", "Leave")));
        Endpoint delegations = new Endpoint("GET /delegations", "GET", world -> "/api/v1/delegations", null);
        Endpoint revokeDelegation = new Endpoint("DELETE /delegations/{id}", "DELETE", world -> "/api/v1/delegations/"
                + FIXTURES.services().delegations().create(FIXTURES.actor(Role.FINANCE_OFFICER), new NewDelegation(
                        FIXTURES.user(Role.FINANCE_OFFICER, null).id().toString(), CLOCK.today().toString(),
                        CLOCK.today().toString(), "Leave")).id(), null);

        List<Arguments> cases = new ArrayList<>();
        for (Who who : Who.values()) {
            boolean signedIn = who != Who.ANONYMOUS;
            boolean manager = who == Who.GRANT_MANAGER;
            int read = signedIn ? 200 : 401;
            cases.add(Arguments.of(organisations, who, read));
            cases.add(Arguments.of(schemes, who, read));
            cases.add(Arguments.of(scheme, who, read));
            cases.add(Arguments.of(awards, who, read));
            cases.add(Arguments.of(award, who, !signedIn ? 401 : who == Who.RECIPIENT_OTHER ? 404 : 200));
            cases.add(Arguments.of(trail, who, !signedIn ? 401 : who == Who.RECIPIENT_OTHER ? 404 : 200));
            cases.add(Arguments.of(token, who, signedIn ? 201 : 401));
            cases.add(Arguments.of(verify, who, !signedIn ? 401 : who == Who.AUDITOR || who == Who.ADMIN ? 200 : 403));
            cases.add(Arguments.of(publicKey, who, read));
            boolean packReader = who == Who.AUDITOR || who == Who.FINANCE_OFFICER || who == Who.GRANT_MANAGER;
            cases.add(Arguments.of(awardPack, who, !signedIn ? 401 : who == Who.RECIPIENT_OTHER ? 404
                    : packReader ? 200 : 403));
            cases.add(Arguments.of(schemePack, who, !signedIn ? 401 : packReader ? 200 : 403));
            cases.add(Arguments.of(createScheme, who, !signedIn ? 401 : manager ? 201 : 403));
            cases.add(Arguments.of(createAward, who, !signedIn ? 401 : manager ? 201 : 403));
            cases.add(Arguments.of(offer, who, !signedIn ? 401 : manager ? 200 : 403));
            cases.add(Arguments.of(withdraw, who, !signedIn ? 401 : manager ? 200 : 403));
            cases.add(Arguments.of(close, who, !signedIn ? 401 : manager ? 200 : 403));
            cases.add(Arguments.of(accept, who, !signedIn ? 401
                    : who == Who.RECIPIENT_OWN ? 200 : who == Who.RECIPIENT_OTHER ? 404 : 403));
            boolean admin = who == Who.ADMIN;
            cases.add(Arguments.of(users, who, !signedIn ? 401 : admin ? 200 : 403));
            cases.add(Arguments.of(user, who, !signedIn ? 401 : admin ? 200 : 403));
            cases.add(Arguments.of(me, who, read));
            cases.add(Arguments.of(createUser, who, !signedIn ? 401 : admin ? 201 : 403));
            cases.add(Arguments.of(disable, who, !signedIn ? 401 : admin ? 200 : 403));
            cases.add(Arguments.of(enable, who, !signedIn ? 401 : admin ? 200 : 403));
            cases.add(Arguments.of(unlock, who, !signedIn ? 401 : admin ? 200 : 403));
            cases.add(Arguments.of(password, who, signedIn ? 422 : 401));
            cases.add(Arguments.of(createOrganisation, who, !signedIn ? 401 : admin ? 201 : 403));
            cases.add(Arguments.of(renameOrganisation, who, !signedIn ? 401 : admin ? 200 : 403));
            cases.add(Arguments.of(tokens, who, read));
            cases.add(Arguments.of(revokeToken, who, !signedIn ? 401 : admin || manager ? 204 : 404));
            // every caller here signs in with HTTP Basic, which has no token to sign out
            cases.add(Arguments.of(signOut, who, signedIn ? 422 : 401));
            boolean auditor = who == Who.AUDITOR;
            cases.add(Arguments.of(drawSample, who, !signedIn ? 401 : auditor ? 201 : 403));
            cases.add(Arguments.of(sample, who, !signedIn ? 401 : auditor ? 200 : 403));
            cases.add(Arguments.of(samplePack, who, !signedIn ? 401 : auditor ? 200 : 403));
            boolean finance = who == Who.FINANCE_OFFICER;
            cases.add(Arguments.of(warnings, who, !signedIn ? 401 : who == Who.RECIPIENT_OTHER ? 404
                    : finance || manager || who == Who.AUDITOR ? 200 : 403));
            cases.add(Arguments.of(delegate, who, !signedIn ? 401 : finance ? 201 : 403));
            cases.add(Arguments.of(delegations, who, !signedIn ? 401
                    : finance || manager || admin || who == Who.AUDITOR ? 200 : 403));
            // a finance officer who is not party to a delegation does not see it
            cases.add(Arguments.of(revokeDelegation, who, !signedIn ? 401 : manager || admin ? 200
                    : finance ? 404 : 403));
        }
        return cases.stream();
    }

    @ParameterizedTest(name = "{0} as {1} -> {2}")
    @MethodSource("matrix")
    void eachCallerGetsExactlyTheExpectedStatus(Endpoint endpoint, Who who, int expected) {
        World world = world();
        Caller caller = who == Who.ANONYMOUS ? Caller.anonymous(APP) : Caller.as(APP, USERS.get(who));
        String path = endpoint.path().apply(world);
        Reply reply = switch (endpoint.method()) {
            case "GET" -> caller.get(path);
            case "DELETE" -> caller.delete(path);
            case "PATCH" -> caller.patch(path, endpoint.body().apply(world));
            default -> endpoint.body() == null ? caller.post(path) : caller.post(path, endpoint.body().apply(world));
        };
        assertThat(reply.status()).as(reply.body()).isEqualTo(expected);
        if (expected >= 400) {
            assertThat(reply.mediaType()).isEqualTo("application/problem+json");
            assertThat(reply.json().get("status").asInt()).isEqualTo(expected);
        }
    }

    private static World world() {
        Scheme scheme = FIXTURES.scheme(MANAGER, "100.00", "50.00");
        Award draft = FIXTURES.award(MANAGER, scheme, FIXTURES.cardiff(), "10.00");
        Award offered = FIXTURES.award(MANAGER, scheme, FIXTURES.cardiff(), "10.00");
        FIXTURES.awards().transition(MANAGER, offered.id(), AwardTransition.OFFER);
        Award active = FIXTURES.activeAward(MANAGER, scheme, FIXTURES.cardiff(), "10.00",
                USERS.get(Who.RECIPIENT_OWN).asActor());
        User user = FIXTURES.user(Role.AUDITOR, null);
        Organisation organisation = FIXTURES.services().organisations().create(USERS.get(Who.ADMIN).asActor(),
                new NewOrganisation(Fixtures.unique("W").toUpperCase().replaceAll("[^A-Z0-9]", ""), "Organisation",
                        "Sefydliad", "OTHER"));
        User manager = USERS.get(Who.GRANT_MANAGER);
        FIXTURES.services().auth().issueToken(manager, "127.0.0.1");
        TokenId managerToken = FIXTURES.services().tokens().list(manager.asActor(), null, Page.Request.of(1, 0L))
                .items().get(0).id();
        return new World(scheme, draft, offered, active, user, organisation, managerToken);
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

    private static String json(Map<String, ?> body) {
        try {
            return JSON.writeValueAsString(body);
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    /** The world's scheme, once the active award has an approved claim to sample. */
    private static String sampledScheme(World world) {
        FIXTURES.approvedClaim(USERS.get(Who.RECIPIENT_OWN).asActor(), USERS.get(Who.FINANCE_OFFICER).asActor(),
                world.active(), 0, "2.50", "1.25");
        return world.scheme().id().toString();
    }

    /** A sample of the world's scheme, drawn by the auditor. */
    private static String sample(World world) {
        sampledScheme(world);
        return FIXTURES.services().samples().draw(USERS.get(Who.AUDITOR).asActor(), world.scheme().id(),
                new wales.gov.grants.samples.NewSample(2, 7)).id().toString();
    }
}
