package wales.gov.grants.demo;

import java.math.BigDecimal;
import java.util.List;
import java.util.UUID;

import org.jdbi.v3.core.Jdbi;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import wales.gov.grants.awards.Award;
import wales.gov.grants.awards.AwardService;
import wales.gov.grants.awards.AwardTransition;
import wales.gov.grants.awards.NewAward;
import wales.gov.grants.kernel.Actor;
import wales.gov.grants.kernel.Role;
import wales.gov.grants.organisations.Organisation;
import wales.gov.grants.organisations.OrganisationDao;
import wales.gov.grants.organisations.OrganisationType;
import wales.gov.grants.schemes.NewScheme;
import wales.gov.grants.schemes.Scheme;
import wales.gov.grants.schemes.SchemeDao;
import wales.gov.grants.schemes.SchemeService;
import wales.gov.grants.users.PasswordHasher;
import wales.gov.grants.users.User;
import wales.gov.grants.users.UserDao;

import static java.util.Objects.requireNonNull;

/**
 * The demo data set: the real organisations (DOMAIN.md), the three 2019-20 programmes with their published budgets,
 * illustrative awards under them, and the demo users. Loading is idempotent: it adds what is missing and leaves
 * everything else, so demo work survives a restart.
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
            new DemoUser("gwe", "Demo recipient, GwE", Role.RECIPIENT, "GWE"));

    private final Jdbi jdbi;
    private final PasswordHasher hasher;
    private final SchemeService schemes;
    private final AwardService awards;

    public DemoData(Jdbi jdbi, PasswordHasher hasher, SchemeService schemes, AwardService awards) {
        this.jdbi = requireNonNull(jdbi, "jdbi is null");
        this.hasher = requireNonNull(hasher, "hasher is null");
        this.schemes = requireNonNull(schemes, "schemes is null");
        this.awards = requireNonNull(awards, "awards is null");
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

        if (absent("PDG-LAC")) {
            Scheme pdg = schemes.create(manager, new NewScheme("PDG-LAC",
                    "Pupil Development Grant – Looked After Children",
                    "Grant Datblygu Disgyblion – Plant sy'n Derbyn Gofal", "2019-20", "5000000.00", "100000.00"));
            for (String consortium : List.of("GWE", "ERW", "CSC", "EAS")) {
                Award award = award(manager, pdg, consortium, "1200000.00",
                        "Spend on the educational support of looked-after children, including PDG Access "
                                + "(uniform, equipment, enrichment)",
                        target("looked-after-pupils-supported", "Looked-after pupils given support", "1500"));
                awards.transition(manager, award.id(), AwardTransition.OFFER);
                if (consortium.equals("GWE")) {
                    awards.transition(user("gwe").asActor(), award.id(), AwardTransition.ACCEPT);
                }
            }
        }
        if (absent("ADOPT")) {
            Scheme adoption = schemes.create(manager, new NewScheme("ADOPT", "Adoption services funding",
                    "Cyllid gwasanaethau mabwysiadu", "2019-20", "2300000.00", "50000.00"));
            for (String collaborative : List.of("NAS-NW", "NAS-MWW", "NAS-WB", "NAS-VVC", "NAS-SEWAS")) {
                award(manager, adoption, collaborative, "400000.00",
                        "Strengthen adoption provision, including enhancing TESSA for adoptive families",
                        target("families-supported", "Adoptive families given therapeutic support", "120"));
            }
        }
        if (absent("SDDF")) {
            Scheme sddf = schemes.create(manager, new NewScheme("SDDF", "St David's Day Fund",
                    "Cronfa Dydd Gŵyl Dewi", "2019-20", "2000000.00", "25000.00"));
            for (DemoOrganisation organisation : ORGANISATIONS) {
                if (organisation.type() != OrganisationType.LOCAL_AUTHORITY) {
                    continue;
                }
                Award award = award(manager, sddf, organisation.code(), "85000.00",
                        "Direct financial support to care leavers; record counts and spending categories only, "
                                + "never a care leaver's identity",
                        target("care-leavers-supported", "Care leavers receiving funds", "90"));
                if (organisation.code().equals("W06000015") || organisation.code().equals("W06000011")) {
                    awards.transition(manager, award.id(), AwardTransition.OFFER);
                }
                if (organisation.code().equals("W06000015")) {
                    awards.transition(user("cardiff").asActor(), award.id(), AwardTransition.ACCEPT);
                }
            }
        }
        LOG.info("Demo data loaded");
    }

    private Award award(Actor manager, Scheme scheme, String organisationCode, String amount, String condition,
                        NewAward.NewOutcomeTarget target) {
        return awards.create(manager, new NewAward(scheme.id().toString(),
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
