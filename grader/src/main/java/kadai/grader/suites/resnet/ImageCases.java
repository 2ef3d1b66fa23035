package kadai.grader.suites.resnet;

import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.SplittableRandom;
import kadai.grader.api.Language;
import kadai.grader.property.Gen;

/** Generate inputs (N, C, H, W) with N, C <= 3 and H, W <= 6; shrink toward 1s and counting values. */
final class ImageCases implements Gen<ImageCase> {

    private final Language language;

    ImageCases(Language language) {
        this.language = language;
    }

    @Override
    public ImageCase next(SplittableRandom r) {
        return new ImageCase(
                1 + r.nextInt(3),
                1 + r.nextInt(3),
                1 + r.nextInt(6),
                1 + r.nextInt(6),
                r.nextInt(3) == 0,
                r.nextLong());
    }

    @Override
    public List<ImageCase> shrink(ImageCase c) {
        Set<ImageCase> out = new LinkedHashSet<>();
        out.add(c.with(1, 1, 1, 1));
        out.add(c.with(1, c.c(), c.h(), c.w()));
        out.add(c.with(c.n(), 1, c.h(), c.w()));
        out.add(c.with(c.n(), c.c(), 1, 1));
        out.add(c.with(c.n() - 1, c.c(), c.h(), c.w()));
        out.add(c.with(c.n(), c.c() - 1, c.h(), c.w()));
        out.add(c.with(c.n(), c.c(), c.h() - 1, c.w()));
        out.add(c.with(c.n(), c.c(), c.h(), c.w() - 1));
        out.add(c.withCounting());
        out.remove(c);
        out.removeIf(x -> x.n() < 1 || x.c() < 1 || x.h() < 1 || x.w() < 1);
        return new ArrayList<>(out);
    }

    @Override
    public String describe(ImageCase c) {
        return c.describe(language);
    }
}
