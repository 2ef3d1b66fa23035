package kadai.grader.suites.resnet;

import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.SplittableRandom;
import kadai.grader.api.Language;
import kadai.grader.property.Gen;
import kadai.grader.suites.resnet.BlockCase.Kind;

/**
 * Generate residual blocks: N <= 2, C <= 3, H, W <= 4, identity or projection shortcut (stride 1 or
 * 2, up to 4 output channels); shrink toward N = C = 1, 1x1 images, the identity and stride 1.
 */
final class BlockCases implements Gen<BlockCase> {

    /** Which shortcuts to draw. */
    enum Shortcuts {
        IDENTITY,
        PROJECTION,
        BOTH
    }

    private final Kind kind;
    private final Shortcuts shortcuts;
    private final Language language;
    private final int maxChannels;
    private final int maxSize;

    BlockCases(Kind kind, Shortcuts shortcuts, Language language) {
        this(kind, shortcuts, language, 3, 4);
    }

    private BlockCases(Kind kind, Shortcuts shortcuts, Language language, int maxChannels, int maxSize) {
        this.kind = kind;
        this.shortcuts = shortcuts;
        this.language = language;
        this.maxChannels = maxChannels;
        this.maxSize = maxSize;
    }

    /** Return smaller blocks (C, OUT <= 2, H, W <= 3), for numerical gradients: two forward passes per input element. */
    BlockCases small() {
        return new BlockCases(kind, shortcuts, language, 2, 3);
    }

    @Override
    public BlockCase next(SplittableRandom r) {
        int n = 1 + r.nextInt(2);
        int c = 1 + r.nextInt(maxChannels);
        int h = 1 + r.nextInt(maxSize);
        int w = 1 + r.nextInt(maxSize);
        int mid = 1 + r.nextInt(maxChannels);
        boolean projection = shortcuts == Shortcuts.PROJECTION || (shortcuts == Shortcuts.BOTH && r.nextBoolean());
        int out = projection ? 1 + r.nextInt(maxChannels + 1) : c;
        int stride = projection ? 1 + r.nextInt(2) : 1;
        return new BlockCase(kind, n, c, h, w, mid, out, stride, projection, r.nextLong());
    }

    @Override
    public List<BlockCase> shrink(BlockCase b) {
        Set<BlockCase> out = new LinkedHashSet<>();
        out.add(b.withSizes(1, 1, 1, 1));
        if (b.projection() && shortcuts != Shortcuts.PROJECTION) {
            out.add(b.withIdentity());
        }
        if (b.projection()) {
            out.add(b.withProjection(b.out(), 1));
            out.add(b.withProjection(1, b.stride()));
            out.add(b.withProjection(b.out() - 1, b.stride()));
        }
        out.add(b.withSizes(1, b.c(), b.h(), b.w()));
        out.add(b.withSizes(b.n(), 1, b.h(), b.w()));
        out.add(b.withSizes(b.n(), b.c(), 1, 1));
        out.add(b.withSizes(b.n(), b.c() - 1, b.h(), b.w()));
        out.add(b.withSizes(b.n(), b.c(), b.h() - 1, b.w()));
        out.add(b.withSizes(b.n(), b.c(), b.h(), b.w() - 1));
        if (b.kind() == Kind.BOTTLENECK) {
            out.add(b.withMid(1));
            out.add(b.withMid(b.mid() - 1));
        }
        out.remove(b);
        out.removeIf(x -> x.n() < 1 || x.c() < 1 || x.h() < 1 || x.w() < 1 || x.out() < 1 || x.mid() < 1);
        return new ArrayList<>(out);
    }

    @Override
    public String describe(BlockCase c) {
        return c.describe(language);
    }
}
