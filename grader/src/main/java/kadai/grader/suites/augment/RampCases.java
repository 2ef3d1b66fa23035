package kadai.grader.suites.augment;

import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.SplittableRandom;
import kadai.grader.api.Language;
import kadai.grader.property.Gen;

/** Generate linear images of 9 to 14 pixels a side and angles; shrink toward 9 pixels, whole coefficients and 45 degrees. */
final class RampCases implements Gen<RampCase> {

    private final Language language;

    RampCases(Language language) {
        this.language = language;
    }

    @Override
    public RampCase next(SplittableRandom r) {
        return new RampCase(
                r.nextInt(9, 15),
                Operation.round(r.nextDouble(-1, 1)),
                Operation.round(r.nextDouble(-1, 1)),
                Operation.round(r.nextDouble(-2, 2)),
                Operation.round(r.nextDouble(-180, 180)));
    }

    @Override
    public List<RampCase> shrink(RampCase c) {
        Set<RampCase> out = new LinkedHashSet<>();
        out.add(new RampCase(9, c.a(), c.b(), c.c(), c.degrees()));
        out.add(new RampCase(c.size(), 1, 0, 0, c.degrees()));
        out.add(new RampCase(c.size(), c.a(), c.b(), c.c(), 45));
        out.add(new RampCase(c.size(), c.a(), c.b(), c.c(), Math.round(c.degrees())));
        out.add(new RampCase(c.size(), Math.round(c.a()), Math.round(c.b()), Math.round(c.c()), c.degrees()));
        out.remove(c);
        return new ArrayList<>(out);
    }

    @Override
    public String describe(RampCase c) {
        return c.describe(language);
    }
}
