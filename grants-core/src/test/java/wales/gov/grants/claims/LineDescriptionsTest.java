package wales.gov.grants.claims;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

class LineDescriptionsTest {
    @Test
    void caseIsFolded() {
        assertThat(LineDescriptions.key("School UNIFORM")).isEqualTo("school uniform");
        assertThat(LineDescriptions.key("Straße")).isEqualTo(LineDescriptions.key("STRASSE"));
    }

    @Test
    void composedAndDecomposedWelshLettersAreOneLetter() {
        String precomposed = "G\u0175yl";
        String combining = "Gw\u0302yl";
        assertThat(combining).isNotEqualTo(precomposed);
        assertThat(LineDescriptions.key(combining)).isEqualTo(LineDescriptions.key(precomposed)).isEqualTo("gŵyl");
        assertThat(LineDescriptions.key("ŴYL")).isEqualTo("ŵyl");
    }

    @Test
    void punctuationIsStrippedAndWhitespaceCollapsed() {
        assertThat(LineDescriptions.key("  School uniform,\tequipment &  books.  "))
                .isEqualTo("school uniform equipment books");
        assertThat(LineDescriptions.key("Invoice no. 2019/044 — tutoring"))
                .isEqualTo(LineDescriptions.key("invoice no 2019044  tutoring"));
        assertThat(LineDescriptions.key("a\u00a0b\u2003c")).isEqualTo("a b c");
    }

    @Test
    void differentWordsStayDifferent() {
        assertThat(LineDescriptions.key("School uniform")).isNotEqualTo(LineDescriptions.key("School uniforms"));
        assertThat(LineDescriptions.key("tutor 1")).isNotEqualTo(LineDescriptions.key("tutor 2"));
    }
}
