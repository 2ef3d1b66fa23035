package kadai.grader.suites.conv;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.Shape;
import java.util.List;
import java.util.SplittableRandom;
import kadai.grader.api.Language;
import kadai.grader.property.ConvCase;
import kadai.grader.property.ConvCase.Values;
import kadai.grader.property.ConvCases;
import kadai.grader.property.Gen;

/** Convolution cases restricted to one kind of values, for checks that need it. */
final class ConvCaseGens {

    private ConvCaseGens() {}

    /**
     * Return cases whose values are all {@code values} (shrinking keeps them): small integers make
     * float32 results exact, positive random values keep numerical gradients away from 0.
     */
    static Gen<ConvCase> withValues(ConvCases base, Values values, Language language, boolean positive) {
        return new Gen<>() {
            @Override
            public ConvCase next(SplittableRandom random) {
                return base.next(random).withValues(values);
            }

            @Override
            public List<ConvCase> shrink(ConvCase value) {
                return base.shrink(value).stream()
                        .filter(c -> c.values() == values)
                        .toList();
            }

            @Override
            public String describe(ConvCase value) {
                String text = base.describe(value);
                if (!positive) {
                    return text;
                }
                int cut = text.lastIndexOf(';');
                return text.substring(0, cut)
                        + (language == Language.JA
                                ? "; 値: [0.5, 1.5) のランダムな実数 (勾配が 0 に近づかないよう正の値)"
                                : "; values: random doubles in [0.5, 1.5) (positive, so no gradient is close to 0)");
            }
        };
    }

    /**
     * Return the case's array for {@code role}, mapped to [0.5, 1.5): sums of positive terms do not
     * cancel, so the centred differences (rounding ~1e-16 |f| / 1e-5) stay far below the threshold.
     */
    static NDArray positive(ConvCase c, NDManager m, String role, Shape shape) {
        return c.array(m, role, shape).abs().mul(0.5).add(0.5);
    }
}
