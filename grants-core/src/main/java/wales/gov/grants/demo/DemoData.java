package wales.gov.grants.demo;

import java.math.BigDecimal;
import java.time.Clock;
import java.time.LocalDateTime;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.function.Function;

import org.jdbi.v3.core.Jdbi;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import wales.gov.grants.awards.Award;
import wales.gov.grants.awards.AwardDao;
import wales.gov.grants.awards.AwardTransition;
import wales.gov.grants.awards.NewAward;
import wales.gov.grants.kernel.Actor;
import wales.gov.grants.kernel.AwardId;
import wales.gov.grants.kernel.Role;
import wales.gov.grants.organisations.Organisation;
import wales.gov.grants.organisations.OrganisationDao;
import wales.gov.grants.organisations.OrganisationType;
import wales.gov.grants.schemes.NewScheme;
import wales.gov.grants.schemes.Scheme;
import wales.gov.grants.schemes.SchemeDao;
import wales.gov.grants.users.PasswordHasher;
import wales.gov.grants.users.User;
import wales.gov.grants.users.UserDao;
import wales.gov.grants.wiring.GrantsServices;

import static java.util.Objects.requireNonNull;

/**
 * The demo data set: the real organisations (DOMAIN.md), the three 2019-20 programmes with their published budgets,
 * illustrative awards under them, one award in each with a year's story ({@link DemoStories}), and the demo users.
 * Loading is idempotent: it adds what is missing and leaves everything else, so demo work survives a restart.
 *
 * <p>The budgets are the published figures. The award amounts are illustrative, not official allocations:
 * equal shares of each budget with a part held back unallocated, so that a demo can still create awards.
 */
public final class DemoData {
    public static final String PASSWORD = "demo-password";
    private static final Logger LOG = LoggerFactory.getLogger(DemoData.class);

    public record DemoOrganisation(String code, String nameEn, String nameCy, OrganisationType type) {
    }

    public record DemoUser(String username, String displayName, Role role, String organisationCode) {
    }

    /** The 22 local authorities (ONS GSS codes), 4 regional education consortia and 5 adoption collaboratives. */
    public static final List<DemoOrganisation> ORGANISATIONS = List.of(
            la("W06000019", "Blaenau Gwent County Borough Council", "Cyngor Bwrdeistref Sirol Blaenau Gwent"),
            la("W06000013", "Bridgend County Borough Council", "Cyngor Bwrdeistref Sirol Pen-y-bont ar Ogwr"),
            la("W06000018", "Caerphilly County Borough Council", "Cyngor Bwrdeistref Sirol Caerffili"),
            la("W06000015", "Cardiff Council", "Cyngor Caerdydd"),
            la("W06000010", "Carmarthenshire County Council", "Cyngor Sir Gaerfyrddin"),
            la("W06000008", "Ceredigion County Council", "Cyngor Sir Ceredigion"),
            la("W06000003", "Conwy County Borough Council", "Cyngor Bwrdeistref Sirol Conwy"),
            la("W06000004", "Denbighshire County Council", "Cyngor Sir Ddinbych"),
            la("W06000005", "Flintshire County Council", "Cyngor Sir y Fflint"),
            la("W06000002", "Gwynedd Council", "Cyngor Gwynedd"),
            la("W06000001", "Isle of Anglesey County Council", "Cyngor Sir Ynys Môn"),
            la("W06000024", "Merthyr Tydfil County Borough Council", "Cyngor Bwrdeistref Sirol Merthyr Tudful"),
            la("W06000021", "Monmouthshire County Council", "Cyngor Sir Fynwy"),
            la("W06000012", "Neath Port Talbot Council", "Cyngor Castell-nedd Port Talbot"),
            la("W06000022", "Newport City Council", "Cyngor Dinas Casnewydd"),
            la("W06000009", "Pembrokeshire County Council", "Cyngor Sir Benfro"),
            la("W06000023", "Powys County Council", "Cyngor Sir Powys"),
            la("W06000016", "Rhondda Cynon Taf County Borough Council", "Cyngor Bwrdeistref Sirol Rhondda Cynon Taf"),
            la("W06000011", "Swansea Council", "Cyngor Abertawe"),
            la("W06000020", "Torfaen County Borough Council", "Cyngor Bwrdeistref Sirol Tor-faen"),
            la("W06000014", "Vale of Glamorgan Council", "Cyngor Bro Morgannwg"),
            la("W06000006", "Wrexham County Borough Council", "Cyngor Bwrdeistref Sirol Wrecsam"),
            new DemoOrganisation("GWE", "GwE (North Wales)", "GwE (Gogledd Cymru)",
                    OrganisationType.EDUCATION_CONSORTIUM),
            new DemoOrganisation("ERW", "ERW (South West and Mid Wales)", "ERW (De-orllewin a Chanolbarth Cymru)",
                    OrganisationType.EDUCATION_CONSORTIUM),
            new DemoOrganisation("CSC", "Central South Consortium", "Consortiwm Canolbarth y De",
                    OrganisationType.EDUCATION_CONSORTIUM),
            new DemoOrganisation("EAS", "EAS (South East Wales)", "EAS (De-ddwyrain Cymru)",
                    OrganisationType.EDUCATION_CONSORTIUM),
            new DemoOrganisation("NAS-NW", "North Wales Adoption Service", "Gwasanaeth Mabwysiadu Gogledd Cymru",
                    OrganisationType.ADOPTION_COLLABORATIVE),
            new DemoOrganisation("NAS-MWW", "Mid and West Wales Adoption", "Mabwysiadu Canolbarth a Gorllewin Cymru",
                    OrganisationType.ADOPTION_COLLABORATIVE),
            new DemoOrganisation("NAS-WB", "Western Bay Adoption Service", "Gwasanaeth Mabwysiadu Bae'r Gorllewin",
                    OrganisationType.ADOPTION_COLLABORATIVE),
            new DemoOrganisation("NAS-VVC", "Vale, Valleys and Cardiff Adoption Collaborative",
                    "Cydweithredfa Mabwysiadu'r Fro, y Cymoedd a Chaerdydd", OrganisationType.ADOPTION_COLLABORATIVE),
            new DemoOrganisation("NAS-SEWAS", "South East Wales Adoption Service",
                    "Gwasanaeth Mabwysiadu De-ddwyrain Cymru", OrganisationType.ADOPTION_COLLABORATIVE));

    public static final List<DemoUser> USERS = List.of(
            new DemoUser("admin", "Demo administrator", Role.ADMIN, null),
            new DemoUser("manager", "Demo grant manager", Role.GRANT_MANAGER, null),
            new DemoUser("finance1", "Demo finance officer 1", Role.FINANCE_OFFICER, null),
            new DemoUser("finance2", "Demo finance officer 2", Role.FINANCE_OFFICER, null),
            new DemoUser("auditor", "Demo auditor", Role.AUDITOR, null),
            new DemoUser("cardiff", "Demo recipient, Cardiff Council", Role.RECIPIENT, "W06000015"),
            new DemoUser("swansea", "Demo recipient, Swansea Council", Role.RECIPIENT, "W06000011"),
            new DemoUser("gwe", "Demo recipient, GwE", Role.RECIPIENT, "GWE"),
            new DemoUser("vvc", "Demo recipient, Vale, Valleys and Cardiff Adoption Collaborative", Role.RECIPIENT,
                    "NAS-VVC"));

    /** The award of each programme that the demo gives a full year's story, for the audit pack worth opening. */
    public static final List<StoryAward> STORY_AWARDS = List.of(
            new StoryAward("PDG-LAC", "GWE", "GwE's PDG-LAC award"),
            new StoryAward("ADOPT", "NAS-VVC", "VVC's adoption award"),
            new StoryAward("SDDF", "W06000015", "Cardiff's SDDF award"));

    /** One scheme's story award: the scheme's code, the recipient organisation's code, and what to call it. */
    public record StoryAward(String schemeCode, String organisationCode, String description) {
    }

    private final Jdbi jdbi;
    private final PasswordHasher hasher;
    private final Function<Clock, GrantsServices> servicesOn;

    /**
     * @param servicesOn builds the server's services (its database, evidence store, signing key and pack settings)
     *     on another clock: each programme is loaded on a clock of its own that moves through 2019-20
     */
    public DemoData(Jdbi jdbi, PasswordHasher hasher, Function<Clock, GrantsServices> servicesOn) {
        this.jdbi = requireNonNull(jdbi, "jdbi is null");
        this.hasher = requireNonNull(hasher, "hasher is null");
        this.servicesOn = requireNonNull(servicesOn, "servicesOn is null");
    }

    /** Loads the organisations, which every installation needs, demo or not. */
    public static void loadOrganisations(Jdbi jdbi) {
        jdbi.useTransaction(handle -> {
            OrganisationDao organisations = handle.attach(OrganisationDao.class);
            for (DemoOrganisation organisation : ORGANISATIONS) {
                organisations.insertIfAbsent(organisation.code(), organisation.nameEn(), organisation.nameCy(),
                        organisation.type().name());
            }
        });
    }

    /**
     * Loads the users, then each programme that is not there yet: the scheme and its awards, set up on 1 April
     * 2019, and its story award's year. A programme already loaded is left as it is, so a restart adds nothing.
     * Each programme runs on its own clock: they start at different minutes of 1 April 2019, so the scheme events
     * (outside any award's chain) are in order too.
     */
    public void load() {
        loadOrganisations(jdbi);
        String hash = hasher.hash(PASSWORD);
        jdbi.useTransaction(handle -> {
            UserDao users = handle.attach(UserDao.class);
            OrganisationDao organisations = handle.attach(OrganisationDao.class);
            for (DemoUser user : USERS) {
                UUID organisation = user.organisationCode() == null ? null
                        : organisations.findByCode(user.organisationCode()).orElseThrow().id().value();
                users.insertIfAbsent(user.username(), hash, user.displayName(), user.role().name(), organisation, true);
            }
        });
        Actor manager = user("manager").asActor();
        Actor finance1 = user("finance1").asActor();
        Actor finance2 = user("finance2").asActor();

        if (absent("PDG-LAC")) {
            DemoClock clock = new DemoClock(LocalDateTime.of(2019, 4, 1, 9, 0));
            GrantsServices services = servicesOn.apply(clock);
            Scheme pdg = services.schemes().create(manager, new NewScheme("PDG-LAC",
                    "Pupil Development Grant – Looked After Children",
                    "Grant Datblygu Disgyblion – Plant sy'n Derbyn Gofal", "2019-20", "5000000.00", "100000.00"));
            Award story = null;
            for (String consortium : List.of("GWE", "ERW", "CSC", "EAS")) {
                Award award = award(services, manager, pdg, consortium, "1200000.00",
                        "Spend on the educational support of looked-after children, including PDG Access "
                                + "(uniform, equipment, enrichment)",
                        target("looked-after-pupils-supported", "Looked-after pupils given support", "1500"));
                services.awards().transition(manager, award.id(), AwardTransition.OFFER);
                story = consortium.equals("GWE") ? award : story;
            }
            DemoStory gwe = accepted(services, clock, requireNonNull(story), "gwe", "2019-04-08T11:20",
                    "looked-after pupils");
            DemoStories.pupilDevelopmentGrant(gwe, finance1, finance2);
        }
        if (absent("ADOPT")) {
            DemoClock clock = new DemoClock(LocalDateTime.of(2019, 4, 1, 9, 20));
            GrantsServices services = servicesOn.apply(clock);
            Scheme adoption = services.schemes().create(manager, new NewScheme("ADOPT", "Adoption services funding",
                    "Cyllid gwasanaethau mabwysiadu", "2019-20", "2300000.00", "50000.00"));
            Award story = null;
            for (String collaborative : List.of("NAS-NW", "NAS-MWW", "NAS-WB", "NAS-VVC", "NAS-SEWAS")) {
                Award award = award(services, manager, adoption, collaborative, "400000.00",
                        "Strengthen adoption provision, including enhancing TESSA for adoptive families",
                        target("families-supported", "Adoptive families given therapeutic support", "120"));
                if (collaborative.equals("NAS-VVC")) {
                    services.awards().transition(manager, award.id(), AwardTransition.OFFER);
                    story = award;
                }
            }
            DemoStory vvc = accepted(services, clock, requireNonNull(story), "vvc", "2019-04-10T14:30", "families");
            DemoStories.adoptionServices(vvc, finance1, finance2);
        }
        if (absent("SDDF")) {
            DemoClock clock = new DemoClock(LocalDateTime.of(2019, 4, 1, 9, 40));
            GrantsServices services = servicesOn.apply(clock);
            Scheme sddf = services.schemes().create(manager, new NewScheme("SDDF", "St David's Day Fund",
                    "Cronfa Dydd Gŵyl Dewi", "2019-20", "2000000.00", "25000.00"));
            Award story = null;
            for (DemoOrganisation organisation : ORGANISATIONS) {
                if (organisation.type() != OrganisationType.LOCAL_AUTHORITY) {
                    continue;
                }
                Award award = award(services, manager, sddf, organisation.code(), "85000.00",
                        "Direct financial support to care leavers; record counts and spending categories only, "
                                + "never a care leaver's identity",
                        target("care-leavers-supported", "Care leavers receiving funds", "90"));
                if (organisation.code().equals("W06000015") || organisation.code().equals("W06000011")) {
                    services.awards().transition(manager, award.id(), AwardTransition.OFFER);
                }
                story = organisation.code().equals("W06000015") ? award : story;
            }
            DemoStory cardiff = accepted(services, clock, requireNonNull(story), "cardiff", "2019-04-09T10:00",
                    "care leavers");
            DemoStories.stDavidsDayFund(cardiff, finance1, finance2);
        }
        LOG.info("Demo data loaded");
    }

    /** The story awards' ids, in the order of {@link #STORY_AWARDS}, leaving out a programme that has none. */
    public Map<StoryAward, AwardId> storyAwardIds() {
        Map<StoryAward, AwardId> ids = new LinkedHashMap<>();
        for (StoryAward story : STORY_AWARDS) {
            UUID organisation = organisation(story.organisationCode()).id().value();
            jdbi.withHandle(handle -> handle.attach(SchemeDao.class).findByCode(story.schemeCode(), "2019-20")
                            .flatMap(scheme -> handle.attach(AwardDao.class)
                                    .page(scheme.id().value(), organisation, null, 1, 0).stream().findFirst()))
                    .ifPresent(award -> ids.put(story, award.id()));
        }
        return ids;
    }

    /** The recipient accepts its offered award at {@code moment}: the start of its story. */
    private DemoStory accepted(GrantsServices services, DemoClock clock, Award award, String recipientUsername,
                               String moment, String unit) {
        clock.moveTo(LocalDateTime.parse(moment));
        Actor recipient = user(recipientUsername).asActor();
        services.awards().transition(recipient, award.id(), AwardTransition.ACCEPT);
        return new DemoStory(services, clock, award, recipient, unit);
    }

    private Award award(GrantsServices services, Actor manager, Scheme scheme, String organisationCode,
                        String amount, String condition, NewAward.NewOutcomeTarget target) {
        return services.awards().create(manager, new NewAward(scheme.id().toString(),
                organisation(organisationCode).id().toString(), amount,
                List.of(condition, "Claims are made quarterly in arrears with evidence of spend"), List.of(target)));
    }

    private static NewAward.NewOutcomeTarget target(String measure, String description, String value) {
        return new NewAward.NewOutcomeTarget(measure, description, new BigDecimal(value));
    }

    private boolean absent(String schemeCode) {
        return jdbi.withExtension(SchemeDao.class, dao -> dao.findByCode(schemeCode, "2019-20")).isEmpty();
    }

    private User user(String username) {
        return jdbi.withExtension(UserDao.class, dao -> dao.findByUsername(username)).orElseThrow();
    }

    private Organisation organisation(String code) {
        return jdbi.withExtension(OrganisationDao.class, dao -> dao.findByCode(code)).orElseThrow();
    }

    private static DemoOrganisation la(String code, String nameEn, String nameCy) {
        return new DemoOrganisation(code, nameEn, nameCy, OrganisationType.LOCAL_AUTHORITY);
    }
}
