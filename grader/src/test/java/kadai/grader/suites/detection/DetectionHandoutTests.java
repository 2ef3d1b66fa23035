package kadai.grader.suites.detection;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Locale;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** The numbers the detection handouts quote are the suite's own constants. */
class DetectionHandoutTests {

    /** Write 1e-7 the way the handouts do: "1e−7" (a Unicode minus). */
    private static String printed(double threshold) {
        String[] parts = String.format(Locale.ROOT, "%.0e", threshold).split("e");
        return parts[0] + "e" + (Integer.parseInt(parts[1]) < 0 ? "−" : "") + Math.abs(Integer.parseInt(parts[1]));
    }

    @ParameterizedTest
    @ValueSource(strings = {"en", "ja"})
    void theHandoutQuotesTheSuitesThresholdsAndDeltas(String language) throws IOException {
        String handout = Files.readString(Path.of("../assignments/handouts/detection." + language + ".md"));
        assertThat(handout).contains("≤ " + printed(RoiChecks.GRADIENT_THRESHOLD));
        assertThat(handout).contains(String.format(Locale.ROOT, "log(1000/16) ≈ %.3f", Math.log(1000.0 / 16)));
        assertThat(handout).contains("62.5");
        assertThat(handout).contains("(10, 10, 5, 5)");
        assertThat(BoxCase.WEIGHTS[1]).containsExactly(10, 10, 5, 5);
    }
}
