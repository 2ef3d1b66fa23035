package kadai.grader.suites.detection;

import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.SplittableRandom;
import kadai.grader.api.Language;
import kadai.grader.property.Gen;
import kadai.grader.suites.detection.BoxCase.Deltas;
import kadai.grader.suites.detection.BoxCase.Layout;

/** Generate {@link BoxCase}s: 1-7 boxes a set, any layout and weights; shrink toward one box each and half pixels. */
final class BoxCases implements Gen<BoxCase> {

    private final Language language;
    private final Layout[] layouts;
    private final Deltas deltas;

    private BoxCases(Language language, Deltas deltas, Layout... layouts) {
        this.language = language;
        this.layouts = layouts;
        this.deltas = deltas;
    }

    /** Boxes of any layout, moderate deltas. */
    static BoxCases of(Language language) {
        return new BoxCases(language, Deltas.MODERATE, Layout.values());
    }

    /** Boxes of the given layouts only. */
    static BoxCases of(Language language, Layout... layouts) {
        return new BoxCases(language, Deltas.MODERATE, layouts);
    }

    /** Deltas with tw, th beyond log(1000 / 16) (random layouts). */
    static BoxCases beyondClamp(Language language) {
        return new BoxCases(language, Deltas.BEYOND_CLAMP, Layout.RANDOM, Layout.CLUSTERED);
    }

    @Override
    public BoxCase next(SplittableRandom r) {
        int a = 1 + r.nextInt(7);
        int b = a + r.nextInt(4);
        return new BoxCase(
                a, b, layouts[r.nextInt(layouts.length)], r.nextInt(BoxCase.WEIGHTS.length), deltas, r.nextLong());
    }

    @Override
    public List<BoxCase> shrink(BoxCase c) {
        Set<BoxCase> out = new LinkedHashSet<>();
        out.add(c.with(1, 1, c.layout()));
        if (c.a() > 1) {
            out.add(c.with(c.a() - 1, c.b() - 1, c.layout()));
        }
        if (c.b() > c.a()) {
            out.add(c.with(c.a(), c.a(), c.layout()));
            out.add(c.with(c.a(), c.b() - 1, c.layout()));
        }
        for (Layout l : layouts) {
            if (l.ordinal() < c.layout().ordinal()) {
                out.add(c.with(c.a(), c.b(), l));
            }
        }
        out.remove(c);
        return new ArrayList<>(out);
    }

    @Override
    public String describe(BoxCase c) {
        return c.describe(language);
    }
}
