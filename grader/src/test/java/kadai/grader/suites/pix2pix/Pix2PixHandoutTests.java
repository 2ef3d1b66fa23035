package kadai.grader.suites.pix2pix;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import kadai.grader.property.Tolerance;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** The numbers the pix2pix handouts quote are the suite's own constants, written the way the handouts write them. */
class Pix2PixHandoutTests {

    @ParameterizedTest(name = "pix2pix.{0}.md")
    @ValueSource(strings = {"en", "ja"})
    void theHandoutQuotesTheSuitesThresholds(String language) throws IOException {
        String handout = Files.readString(Path.of("../assignments/handouts/pix2pix." + language + ".md"));
        assertThat(handout)
                .contains("|a − e| ≤ " + power(Tolerance.FLOAT64.atol()) + " + " + power(Tolerance.FLOAT64.rtol())
                        + "·|e|")
                .contains(power(Pix2PixLossChecks.GRADIENT_THRESHOLD))
                .contains("`|fake − target|` ≥ " + PatchCase.TIE_MARGIN)
                .contains("±" + power(PatchCase.EXTREME_LOGIT))
                .contains("java Submit.java --assignment pix2pix")
                .doesNotContain("kadai submit");
    }

    /** Write a power of ten as the handouts do: 1e−6, 1e4 (with a real minus sign). */
    private static String power(double value) {
        long exponent = Math.round(Math.log10(value));
        assertThat(Math.pow(10, exponent))
                .as("%s is a power of ten", value)
                .isCloseTo(value, org.assertj.core.data.Offset.offset(value * 1e-12));
        return "1e" + (exponent < 0 ? "−" + -exponent : String.valueOf(exponent));
    }
}
