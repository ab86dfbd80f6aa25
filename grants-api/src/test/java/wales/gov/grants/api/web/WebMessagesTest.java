package wales.gov.grants.api.web;

import java.time.LocalDate;
import java.util.Set;
import java.util.TreeSet;

import org.junit.jupiter.api.Test;
import wales.gov.grants.packs.PackLanguage;
import wales.gov.grants.packs.PackText;

import static org.assertj.core.api.Assertions.assertThat;

class WebMessagesTest {
    private final Messages messages = new Messages();

    @Test
    void everyEnglishKeyHasAWelshOneAndNoWelshKeyIsExtra() {
        Set<String> english = new TreeSet<>(messages.keys("en"));
        Set<String> welsh = new TreeSet<>(messages.keys("cy"));

        assertThat(welsh).containsExactlyElementsOf(english);
    }

    @Test
    void welshTextIsReadAsUtf8AndDiffersFromTheEnglish() {
        assertThat(messages.get("cy", "back")).isEqualTo("Yn ôl");
        assertThat(messages.get("cy", "month.9")).isEqualTo("Medi");
        assertThat(messages.get("cy", "sign-in.title")).isNotEqualTo(messages.get("en", "sign-in.title"));
    }

    @Test
    void everyClaimStatusAndAuditActionHasWords() {
        for (wales.gov.grants.claims.ClaimStatus status : wales.gov.grants.claims.ClaimStatus.values()) {
            assertThat(messages.has("status." + status.name())).as(status.name()).isTrue();
        }
        for (wales.gov.grants.audit.AuditAction action : wales.gov.grants.audit.AuditAction.values()) {
            assertThat(messages.has("action." + action.name())).as(action.name()).isTrue();
        }
    }

    @Test
    void pagesNameActionsAndWriteDatesExactlyAsThePacksDo() {
        PackText welshPacks = new PackText(PackLanguage.CY);
        for (wales.gov.grants.audit.AuditAction action : wales.gov.grants.audit.AuditAction.values()) {
            assertThat(messages.get("cy", "action." + action.name()))
                    .isEqualTo(welshPacks.get("action." + action.name()));
        }
        assertThat(messages.date("cy", LocalDate.of(2019, 9, 30))).isEqualTo("30 Medi 2019")
                .isEqualTo(welshPacks.date(LocalDate.of(2019, 9, 30)));
        assertThat(messages.date("en", LocalDate.of(2020, 3, 31))).isEqualTo("31 March 2020");
    }
}
