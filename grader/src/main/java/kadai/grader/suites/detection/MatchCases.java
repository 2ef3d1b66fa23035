package kadai.grader.suites.detection;

import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.SplittableRandom;
import kadai.grader.api.Language;
import kadai.grader.property.Gen;

/** Generate {@link MatchCase}s of one kind: 1-12 anchors, 1-4 targets; shrink toward fewer of both. */
final class MatchCases implements Gen<MatchCase> {

    private final Language language;
    private final MatchCase.Kind kind;

    MatchCases(Language language, MatchCase.Kind kind) {
        this.language = language;
        this.kind = kind;
    }

    @Override
    public MatchCase next(SplittableRandom r) {
        // The coarse (special-case) test also meets anchors without any target (no true boxes on the image).
        int anchors = 1 + r.nextInt(12);
        int targets = kind == MatchCase.Kind.COARSE ? r.nextInt(5) : 1 + r.nextInt(4);
        return new MatchCase(anchors, targets, kind, r.nextInt(MatchCase.THRESHOLDS.length), r.nextLong());
    }

    @Override
    public List<MatchCase> shrink(MatchCase c) {
        Set<MatchCase> out = new LinkedHashSet<>();
        out.add(c.withSize(1, 1));
        if (c.anchors() > 1) {
            out.add(c.withSize(c.anchors() / 2, c.targets()));
            out.add(c.withSize(c.anchors() - 1, c.targets()));
        }
        if (c.targets() > 1) {
            out.add(c.withSize(c.anchors(), c.targets() - 1));
        }
        out.remove(c);
        return new ArrayList<>(out);
    }

    @Override
    public String describe(MatchCase c) {
        return c.describe(language);
    }
}
