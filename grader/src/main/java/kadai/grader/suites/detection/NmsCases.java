package kadai.grader.suites.detection;

import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.SplittableRandom;
import kadai.grader.api.Language;
import kadai.grader.property.Gen;
import kadai.grader.suites.detection.NmsCase.Scores;

/** Generate {@link NmsCase}s: 1-14 boxes in three clusters; shrink toward fewer boxes and one class. */
final class NmsCases implements Gen<NmsCase> {

    private static final double[] THRESHOLDS = {0.3, 0.5, 0.7};

    private final Language language;
    private final Scores scores;
    private final boolean exactPairs;

    private NmsCases(Language language, Scores scores, boolean exactPairs) {
        this.language = language;
        this.scores = scores;
        this.exactPairs = exactPairs;
    }

    /** Distinct scores, random overlaps only: no tie and no IoU equal to the threshold. */
    static NmsCases distinct(Language language) {
        return new NmsCases(language, Scores.DISTINCT, false);
    }

    /** Tied scores and pairs whose IoU equals the threshold (1/3 or 1/2) exactly. */
    static NmsCases tiesAndExactOverlaps(Language language) {
        return new NmsCases(language, Scores.TIED, true);
    }

    @Override
    public NmsCase next(SplittableRandom r) {
        int k = 1 + r.nextInt(14);
        double threshold = exactPairs ? (r.nextBoolean() ? 0.5 : 1 / 3.0) : THRESHOLDS[r.nextInt(THRESHOLDS.length)];
        return new NmsCase(
                exactPairs ? Math.max(k, 4) : k, scores, exactPairs, threshold, 1 + r.nextInt(3), r.nextLong());
    }

    @Override
    public List<NmsCase> shrink(NmsCase c) {
        Set<NmsCase> out = new LinkedHashSet<>();
        int min = exactPairs ? 2 : 1;
        if (c.k() > min) {
            out.add(c.withK(min));
            out.add(c.withK(c.k() / 2 < min ? min : c.k() / 2));
            out.add(c.withK(c.k() - 1));
        }
        if (c.classes() > 1) {
            out.add(c.withClasses(1));
        }
        out.remove(c);
        return new ArrayList<>(out);
    }

    @Override
    public String describe(NmsCase c) {
        return c.describe(language);
    }
}
