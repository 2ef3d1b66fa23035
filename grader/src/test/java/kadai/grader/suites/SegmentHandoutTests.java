package kadai.grader.suites;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import kadai.assignments.testing.GradientCheck;
import kadai.grader.suites.segment.SegmentSuite;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** The numbers the segment handouts quote are the segment suite's constants. */
class SegmentHandoutTests {

    @ParameterizedTest
    @ValueSource(strings = {"en", "ja"})
    void theHandoutQuotesTheSuitesThresholds(String language) throws IOException {
        String handout = Files.readString(Path.of("../assignments/handouts/segment." + language + ".md"));
        assertThat(handout)
                .contains("≤ " + exponent(GradientCheck.CONV_THRESHOLD))
                .contains("±" + exponent(SegmentSuite.HUGE_LOGITS))
                .contains("java Submit.java --assignment segment")
                .doesNotContain("kadai submit");
    }

    /** Write a power of ten as the handouts do: 1e-7, 1e4. */
    private static String exponent(double value) {
        long power = Math.round(Math.log10(value));
        assertThat(Math.pow(10, power))
                .as("a power of ten")
                .isEqualTo(value, org.assertj.core.data.Offset.offset(value * 1e-12));
        return "1e" + power;
    }
}
