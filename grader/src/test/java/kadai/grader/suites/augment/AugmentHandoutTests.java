package kadai.grader.suites.augment;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * The counts the augment handouts quote are the suite's own constants (its tolerances are in the
 * project's registry of handout numbers, {@code tasks/src/test/resources/handout-numbers.txt}).
 */
class AugmentHandoutTests {

    @ParameterizedTest
    @ValueSource(strings = {"en", "ja"})
    void theHandoutQuotesTheSuitesFrequencyCheck(String language) throws IOException {
        String handout = Files.readString(Path.of("../assignments/handouts/augment." + language + ".md"));
        assertThat(handout).contains(AugmentSuite.FREQUENCY_DRAWS + (language.equals("en") ? " draws" : " 回の draw"));
        assertThat(handout)
                .contains(
                        language.equals("en")
                                ? "within " + RandomChecks.FREQUENCY_SIGMAS + " standard deviations"
                                : "標準偏差の " + RandomChecks.FREQUENCY_SIGMAS + " 倍以内");
    }
}
