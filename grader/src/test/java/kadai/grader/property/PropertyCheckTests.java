package kadai.grader.property;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import ai.djl.ndarray.NDManager;
import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

class PropertyCheckTests {

    private final NDManager manager = NDManager.newBaseManager();

    @AfterEach
    void close() {
        manager.close();
    }

    @Test
    void aFailureIsShrunkToTheSmallestFailingCase() {
        PropertyCheck.PropertyFailure failure = catchThrowableOfType(
                PropertyCheck.PropertyFailure.class,
                () -> PropertyCheck.forAll(ConvCases.valid().maxSize(9))
                        .seed(1)
                        .manager(manager)
                        .tries(50)
                        .check("images are narrower than 4 pixels", (c, m) -> {
                            if (c.w() >= 4) {
                                throw new AssertionError("W = " + c.w());
                            }
                        }));
        assertThat(failure)
                .hasMessageContaining("Property failed: images are narrower than 4 pixels")
                .hasMessageContaining("N=1, C=1, H=1, W=4, FH=1, FW=1, stride=1, pad=0; values: counting 1, 2, 3, ...")
                .hasMessageContaining("W = 4")
                .hasMessageContaining("Property seed: 1");
    }

    @Test
    void theSameSeedGivesTheSameCases() {
        assertThat(cases(42)).isEqualTo(cases(42)).isNotEqualTo(cases(43));
    }

    @Test
    void invalidCasesBreakOneRuleAndStayInvalidWhileShrinking() {
        ConvCases invalid = ConvCases.invalid();
        SplittableRandom random = new SplittableRandom(7);
        for (int i = 0; i < 200; i++) {
            ConvCase c = invalid.next(random);
            assertThat(c.valid()).as("%s", c).isFalse();
            for (ConvCase smaller : invalid.shrink(c)) {
                assertThat(smaller.violation()).isEqualTo(c.violation());
                assertThat(ConvCases.complexity(smaller)).isLessThan(ConvCases.complexity(c));
            }
        }
    }

    @Test
    void validCasesAreValidAndTheirArraysHaveTheirShapes() {
        SplittableRandom random = new SplittableRandom(3);
        for (int i = 0; i < 100; i++) {
            ConvCase c = ConvCases.valid().withOc().next(random);
            assertThat(c.valid()).as("%s", c).isTrue();
            assertThat(c.x(manager).getShape()).isEqualTo(c.xShape());
            assertThat(c.col(manager).getShape()).isEqualTo(c.colShape());
            assertThat(c.weights(manager).getShape().get(0)).isEqualTo(c.oc());
        }
    }

    @Test
    void aPropertyThatHoldsPassesEveryCaseAndTheExamplesFirst() {
        List<ConvCase> seen = new ArrayList<>();
        ConvCase example = new ConvCase(1, 1, 4, 4, 3, 3, 1, 0, 0, ConvCase.Values.COUNTING, 0);
        PropertyCheck.forAll(ConvCases.valid())
                .seed(5)
                .manager(manager)
                .tries(20)
                .examples(example)
                .check("output sizes are positive", (c, m) -> {
                    seen.add(c);
                    assertThat(c.oh()).isPositive();
                });
        assertThat(seen).hasSize(21).first().isEqualTo(example);
    }

    @Test
    void gridsPrintTheLastTwoAxesAsMatricesAndMarkTheWorstElement() {
        String grid = TensorText.grid(
                new double[] {1, 2, 3, 4, 5, 6, 7, 8}, new ai.djl.ndarray.types.Shape(1, 2, 2, 2), 0, 5);
        assertThat(grid).isEqualTo("""
                [n=0, c=0, :, :]
                   1  2
                   3  4
                [n=0, c=1, :, :]
                   5  6*
                   7  8
                """);
    }

    private static List<ConvCase> cases(long seed) {
        SplittableRandom random = new SplittableRandom(seed);
        List<ConvCase> out = new ArrayList<>();
        for (int i = 0; i < 10; i++) {
            out.add(ConvCases.valid().next(random));
        }
        return out;
    }

    @Test
    void aFilteredGeneratorDrawsAndShrinksOnlyCasesThatSatisfyItsCondition() {
        Gen<ConvCase> pooling = ConvCases.valid().filter(c -> c.pad() <= c.fh() / 2 && c.pad() <= c.fw() / 2);
        SplittableRandom random = new SplittableRandom(11);
        for (int i = 0; i < 100; i++) {
            ConvCase c = pooling.next(random);
            assertThat(c.pad()).isLessThanOrEqualTo(Math.min(c.fh(), c.fw()) / 2);
            assertThat(pooling.shrink(c))
                    .allSatisfy(s -> assertThat(s.pad()).isLessThanOrEqualTo(Math.min(s.fh(), s.fw()) / 2));
        }
    }
}
