package wales.gov.grants.packs;

import java.io.IOException;
import java.io.InputStreamReader;
import java.io.Reader;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.LocalDate;
import java.util.Collections;
import java.util.Properties;
import java.util.ResourceBundle;
import java.util.Set;
import java.util.TreeSet;

import org.junit.jupiter.api.Test;
import wales.gov.grants.kernel.Money;

import static org.assertj.core.api.Assertions.assertThat;

class PackTextTest {
    private final PackText english = new PackText(PackLanguage.EN);
    private final PackText welsh = new PackText(PackLanguage.CY);

    @Test
    void everyEnglishKeyHasItsOwnWelshTranslation() throws IOException {
        ResourceBundle base = PackText.bundle(PackLanguage.EN);
        // the Welsh file itself: the bundle would fall back to English for a missing key and hide it
        Properties cy = new Properties();
        try (Reader reader = new InputStreamReader(PackText.class.getResourceAsStream("messages_cy.properties"),
                StandardCharsets.UTF_8)) {
            cy.load(reader);
        }
        Set<String> untranslated = new TreeSet<>();
        for (String key : Collections.list(base.getKeys())) {
            boolean sameWord = key.equals("column.sha256");
            if (!cy.containsKey(key) || !sameWord && cy.getProperty(key).equals(base.getString(key))) {
                untranslated.add(key);
            }
        }
        assertThat(untranslated).isEmpty();
        assertThat(cy.stringPropertyNames()).isSubsetOf(base.keySet());
    }

    @Test
    void welshDatesAndPagesReadAsWelsh() {
        assertThat(welsh.date(LocalDate.of(2019, 9, 30))).isEqualTo("30 Medi 2019");
        assertThat(english.date(LocalDate.of(2019, 9, 30))).isEqualTo("30 September 2019");
        assertThat(welsh.get("pack.page", 3, 12)).isEqualTo("Tudalen 3 o 12");
        assertThat(english.get("pack.page", 3, 12)).isEqualTo("Page 3 of 12");
        assertThat(welsh.time(Instant.parse("2020-02-29T08:05:09.123Z"))).isEqualTo("29 Chwefror 2020 08:05:09 UTC");
    }

    @Test
    void apostrophesSurviveMessageFormatInBothLanguages() {
        assertThat(welsh.get("section.awards")).isEqualTo("Dyfarniadau'r cynllun");
        assertThat(english.get("cover.noCheckpoint")).isEqualTo("None covers this award's audit trail");
        assertThat(welsh.get("check.approvedByOfferer", "claim", "finance1")).contains("a gynigiodd");
    }

    @Test
    void moneyIsWrittenInPoundsWithThousandsSeparatorsWhateverTheLanguage() {
        assertThat(english.money(Money.parse("2300000.00"))).isEqualTo("£2,300,000.00");
        assertThat(welsh.money(Money.parse("0.5"))).isEqualTo("£0.50");
        assertThat(english.get("check.approvedWithin", Money.parse("1000"), Money.parse("5000000")))
                .isEqualTo("Approved claims total £1,000.00 of the award of £5,000,000.00.");
    }

    @Test
    void countsAgreeWithTheirNounsAndIdsAreWrittenWithoutSeparators() {
        assertThat(english.get("check.evidenceForAll", 1)).isEqualTo("1 approved claim, each with evidence.");
        assertThat(english.get("check.evidenceForAll", 1269)).isEqualTo("1,269 approved claims, each with evidence.");
        assertThat(welsh.get("check.evidenceForAll", 3)).startsWith("3 hawliad cymeradwy");
        assertThat(english.get("check.chainBroken", 12345L)).endsWith("the first broken event is 12345.");
    }

    @Test
    void sizesAreWrittenForPeople() {
        assertThat(english.size(512)).isEqualTo("512 B");
        assertThat(english.size(10 * 1024 * 1024)).isEqualTo("10.0 MB");
    }
}
