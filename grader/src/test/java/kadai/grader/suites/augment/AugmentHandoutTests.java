package kadai.grader.suites.augment;

import kadai.grader.property.Tolerance;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

import static org.assertj.core.api.Assertions.assertThat;

/** The numbers the augment handouts quote are the suite's own constants. */
class AugmentHandoutTests {

    @ParameterizedTest
    @ValueSource(strings = {"en", "ja"})
    void theHandoutQuotesTheSuitesTolerancesAndFrequencyCheck(String language) throws IOException {
        String handout = Files.readString(Path.of("../assignments/handouts/augment." + language + ".md"));
        assertThat(handout).contains(Tolerance.FLOAT64.toString()).contains(AugmentChecks.ROUNDING.toString());
        assertThat(handout).contains(AugmentSuite.FREQUENCY_DRAWS + (language.equals("en") ? " draws" : " 回の draw"));
        assertThat(handout).contains(language.equals("en") ? "within " + RandomChecks.FREQUENCY_SIGMAS + " standard deviations"
                : "標準偏差の " + RandomChecks.FREQUENCY_SIGMAS + " 倍以内");
    }
}
