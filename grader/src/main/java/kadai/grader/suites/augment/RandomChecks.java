package kadai.grader.suites.augment;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDArrays;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import java.lang.reflect.RecordComponent;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import kadai.assignments.augment.RandomAugmentation.Draw;
import kadai.assignments.augment.RandomAugmentation.Policy;
import kadai.grader.api.Language;
import kadai.grader.api.StudentCode;
import kadai.grader.api.StudentObject;
import kadai.grader.property.Compare;
import kadai.grader.property.Shown;
import kadai.grader.property.Tolerance;

/**
 * The checks of {@code RandomAugmentation}: build one in an implementation, apply it, read its
 * draws back through the provided {@code Draw} record, and replay every image's draw through the
 * reference's {@code Augment} in the documented order.
 */
final class RandomChecks {

    static final String CLASS = "kadai.assignments.augment.RandomAugmentation";
    static final String POLICY = CLASS + "$Policy";

    /** How many standard deviations a frequency may stray from its probability (a correct one fails once in millions). */
    static final int FREQUENCY_SIGMAS = 5;

    /** Every kind of augmentation with probability 1/2: thousands of outcomes per image. */
    static final Policy RICH = Policy.none()
            .withFlipHorizontal(0.5)
            .withFlipVertical(0.5)
            .withScale(0.5, 0.8, 1.25)
            .withRotate(0.5, 30)
            .withShear(0.5, 0.3)
            .withShift(0.5, 2)
            .withBrightness(0.5, 0.2, 0, 1)
            .withCutout(0.5, 3);

    /** The result of one apply call: the augmented batch and the draws read back. */
    record Run(NDArray out, List<Draw> draws) {}

    private final StudentCode student;
    private final StudentCode reference;
    private final AugmentApi studentOps;
    private final AugmentApi referenceOps;
    private final Compare compare;
    private final boolean ja;

    /**
     * @param studentOps the student's {@code Augment}: draws are replayed through it, so a wrong
     *     operation loses the Augment tests, not these
     * @param referenceOps the reference's {@code Augment}: only to tell whether a constant result
     *     could be right
     */
    RandomChecks(
            StudentCode student,
            StudentCode reference,
            AugmentApi studentOps,
            AugmentApi referenceOps,
            Language language) {
        this.student = student;
        this.reference = reference;
        this.studentOps = studentOps;
        this.referenceOps = referenceOps;
        this.compare = Compare.in(language);
        this.ja = language == Language.JA;
    }

    Compare compare() {
        return compare;
    }

    /** Construct {@code new RandomAugmentation(policy, seed)} in the student's implementation. */
    RandomAugmentationApi studentAugmentation(Policy policy, long seed) {
        return create(student, policy, seed);
    }

    /** Construct it in the reference. */
    RandomAugmentationApi referenceAugmentation(Policy policy, long seed) {
        return create(reference, policy, seed);
    }

    private static RandomAugmentationApi create(StudentCode code, Policy policy, long seed) {
        RecordComponent[] components = Policy.class.getRecordComponents();
        Class<?>[] types = new Class<?>[components.length];
        Object[] values = new Object[components.length];
        for (int i = 0; i < components.length; i++) {
            types[i] = components[i].getType();
            try {
                values[i] = components[i].getAccessor().invoke(policy);
            } catch (ReflectiveOperationException e) {
                throw new IllegalStateException("cannot read Policy." + components[i].getName(), e);
            }
        }
        StudentObject handle = code.newObject(POLICY, types, values);
        StudentObject augmentation = code.newObject(CLASS, new Class<?>[] {Policy.class, long.class}, handle, seed);
        return code.view(RandomAugmentationApi.class, augmentation);
    }

    /** Apply {@code augmentation} to a copy of {@code batch} and read its draws, one per image. */
    Run run(StudentCode code, RandomAugmentationApi augmentation, NDArray batch) {
        NDArray out = augmentation.apply(batch.duplicate());
        return new Run(out, draws(code, augmentation, batch.getShape().get(0)));
    }

    /** Read the draws of the last apply call; there must be one per image. */
    List<Draw> draws(StudentCode code, RandomAugmentationApi augmentation, long images) {
        List<?> handles = augmentation.lastDraws();
        if (handles == null || handles.size() != images) {
            throw new AssertionError(String.format(
                    Locale.ROOT,
                    t(
                            "lastDraws() after apply on a batch of %d images returned %s; it must hold one Draw per image, in batch order",
                            "%d 枚のバッチに apply した後の lastDraws() が %s を返しました。画像ごとに 1 つの Draw をバッチの順に返してください"),
                    images,
                    handles == null ? "null" : handles.size() + (ja ? " 個" : " draws")));
        }
        List<Draw> draws = new ArrayList<>();
        for (Object handle : handles) {
            if (handle == null) {
                throw new AssertionError(t("lastDraws() holds null", "lastDraws() に null が入っています"));
            }
            DrawApi d = code.view(DrawApi.class, handle);
            draws.add(new Draw(
                    d.flipHorizontal(),
                    d.flipVertical(),
                    d.factor(),
                    d.degrees(),
                    d.shearX(),
                    d.shiftY(),
                    d.shiftX(),
                    d.delta(),
                    d.cutoutTop(),
                    d.cutoutLeft(),
                    d.cutoutSize()));
        }
        return draws;
    }

    /** Return the batch with image i put through draw i by {@code ops}, in the documented order. */
    static NDArray replay(AugmentApi ops, NDArray batch, List<Draw> draws, Policy policy) {
        NDList images = new NDList();
        for (int i = 0; i < draws.size(); i++) {
            NDArray out = batch.get("{}:{}", i, i + 1);
            Draw d = draws.get(i);
            if (d.flipHorizontal()) {
                out = ops.flipHorizontal(out);
            }
            if (d.flipVertical()) {
                out = ops.flipVertical(out);
            }
            if (d.factor() != 1) {
                out = ops.scale(out, d.factor());
            }
            if (d.degrees() != 0) {
                out = ops.rotate(out, d.degrees());
            }
            if (d.shearX() != 0) {
                out = ops.shear(out, d.shearX());
            }
            if (d.shiftY() != 0 || d.shiftX() != 0) {
                out = ops.shift(out, d.shiftY(), d.shiftX());
            }
            if (d.delta() != 0) {
                out = ops.brightness(out, d.delta(), policy.min(), policy.max());
            }
            if (d.cutoutSize() != 0) {
                out = ops.cutout(out, d.cutoutTop(), d.cutoutLeft(), d.cutoutSize(), d.cutoutSize());
            }
            images.add(out);
        }
        return NDArrays.concat(images, 0);
    }

    /**
     * Apply a new student RandomAugmentation to the case's batch and read its draws; the result
     * must not be degenerate: a constant array passes only where the reference's operations turn
     * the same draws into a constant array too.
     */
    Run apply(PolicyCase c, NDManager m) {
        NDArray batch = c.batch(m);
        Run run = run(student, studentAugmentation(c.policy(), c.seed()), batch);
        notDegenerate(c, batch, run);
        return run;
    }

    private void notDegenerate(PolicyCase c, NDArray batch, Run run) {
        if (run.out() == null || !constant(run.out())) {
            return;
        }
        NDArray possible = replay(referenceOps, batch.toType(DataType.FLOAT64, false), run.draws(), c.policy());
        if (!constant(possible)) {
            throw new AssertionError(String.format(
                    Locale.ROOT,
                    t(
                            "apply(batch) returned a constant array (every element %s), but the draws %s do not make one",
                            "apply(batch) が定数の配列 (すべての要素が %s) を返しましたが、draw %s からはそうなりません"),
                    Operation.number(run.out().toType(DataType.FLOAT64, false).toDoubleArray()[0]),
                    drawsText(run.draws())));
        }
    }

    private static boolean constant(NDArray a) {
        double[] v = a.toType(DataType.FLOAT64, false).toDoubleArray();
        for (double e : v) {
            if (e != v[0]) {
                return false;
            }
        }
        return true;
    }

    /**
     * The student's batch is every image put through its recorded draw by the student's own
     * Augment, and operations of probability 1 are taken in every draw; return the run.
     */
    Run outputIsTheReplay(PolicyCase c, NDManager m) {
        NDArray batch = c.batch(m);
        Run run = apply(c, m);
        agreesWithReplay(c, batch, run, Tolerance.FLOAT64);
        certainOperationsAreTaken(c.policy(), run.draws());
        return run;
    }

    private void agreesWithReplay(PolicyCase c, NDArray batch, Run run, Tolerance tolerance) {
        NDArray expected = replay(studentOps, batch, run.draws(), c.policy());
        compare.agrees(
                t(
                                "apply(batch): image i is image i of the batch put through your draw i by your Augment (",
                                "apply(batch): 画像 i はバッチの画像 i にあなたの draw i をあなたの Augment で施したもの (")
                        + drawsText(run.draws()) + ")",
                expected,
                run.out(),
                tolerance,
                Shown.of("batch", batch));
    }

    /** An operation of probability 1 happens in every draw (a shift may still draw (0, 0)). */
    void certainOperationsAreTaken(Policy p, List<Draw> draws) {
        for (int i = 0; i < draws.size(); i++) {
            Draw d = draws.get(i);
            String where = String.format(Locale.ROOT, t("draw %d %s", "draw %d %s"), i, short_(d));
            require(
                    p.flipHorizontal() < 1 || d.flipHorizontal(),
                    where,
                    t("flipHorizontal has probability 1", "flipHorizontal の確率は 1"));
            require(
                    p.flipVertical() < 1 || d.flipVertical(),
                    where,
                    t("flipVertical has probability 1", "flipVertical の確率は 1"));
            require(
                    p.scale() < 1 || p.maxFactor() == 1 || d.factor() != 1,
                    where,
                    t("scale has probability 1", "scale の確率は 1"));
            require(
                    p.rotate() < 1 || p.maxDegrees() == 0 || d.degrees() != 0,
                    where,
                    t("rotate has probability 1", "rotate の確率は 1"));
            require(
                    p.shear() < 1 || p.maxShear() == 0 || d.shearX() != 0,
                    where,
                    t("shear has probability 1", "shear の確率は 1"));
            require(
                    p.brightness() < 1 || p.maxDelta() == 0 || d.delta() != 0,
                    where,
                    t("brightness has probability 1", "brightness の確率は 1"));
            require(
                    p.cutout() < 1 || d.cutoutSize() == p.cutoutSize(),
                    where,
                    t("cutout has probability 1", "cutout の確率は 1"));
        }
    }

    /** Every draw lies within the policy: operations of probability 0 never happen, parameters stay in their ranges. */
    void drawsRespectThePolicy(PolicyCase c, NDManager m) {
        Run run = apply(c, m);
        certainOperationsAreTaken(c.policy(), run.draws());
        Policy p = c.policy();
        for (int i = 0; i < run.draws().size(); i++) {
            Draw d = run.draws().get(i);
            String where = String.format(Locale.ROOT, t("draw %d %s", "draw %d %s"), i, d);
            require(!d.flipHorizontal() || p.flipHorizontal() > 0, where, "flipHorizontal has probability 0");
            require(!d.flipVertical() || p.flipVertical() > 0, where, "flipVertical has probability 0");
            require(
                    d.factor() == 1 || p.scale() > 0 && d.factor() >= p.minFactor() && d.factor() <= p.maxFactor(),
                    where,
                    "factor must be 1 (not zoomed) or in [minFactor, maxFactor)");
            require(
                    Math.abs(d.degrees()) <= p.maxDegrees() && (d.degrees() == 0 || p.rotate() > 0),
                    where,
                    "degrees must be within ±maxDegrees, and 0 when rotate has probability 0");
            require(
                    Math.abs(d.shearX()) <= p.maxShear() && (d.shearX() == 0 || p.shear() > 0),
                    where,
                    "shearX must be within ±maxShear, and 0 when shear has probability 0");
            require(
                    Math.abs(d.shiftY()) <= p.maxShift()
                            && Math.abs(d.shiftX()) <= p.maxShift()
                            && (d.shiftY() == 0 && d.shiftX() == 0 || p.shift() > 0),
                    where,
                    "shiftY and shiftX must be within ±maxShift, and 0 when shift has probability 0");
            require(
                    Math.abs(d.delta()) <= p.maxDelta() && (d.delta() == 0 || p.brightness() > 0),
                    where,
                    "delta must be within ±maxDelta, and 0 when brightness has probability 0");
            require(
                    d.cutoutSize() == 0
                            || p.cutout() > 0
                                    && d.cutoutSize() == p.cutoutSize()
                                    && d.cutoutTop() >= -p.cutoutSize() / 2
                                    && d.cutoutTop() <= c.h() - 1 - p.cutoutSize() / 2
                                    && d.cutoutLeft() >= -p.cutoutSize() / 2
                                    && d.cutoutLeft() <= c.w() - 1 - p.cutoutSize() / 2,
                    where,
                    "a cutout has the policy's size and its centre pixel inside the image (top = r.nextInt(H) - size / 2)");
        }
    }

    /**
     * Over {@code images} draws, each operation happens about as often as its probability says
     * (within {@link #FREQUENCY_SIGMAS} standard deviations).
     */
    void frequenciesFollowTheProbabilities(Policy p, long seed, int images, NDManager m) {
        PolicyCase c = new PolicyCase(p, seed, images, 1, 3, 3, false, seed);
        Run run = apply(c, m);
        List<Draw> d = run.draws();
        frequency("flipHorizontal", d.stream().filter(Draw::flipHorizontal).count(), images, p.flipHorizontal());
        frequency("flipVertical", d.stream().filter(Draw::flipVertical).count(), images, p.flipVertical());
        frequency("scale", d.stream().filter(x -> x.factor() != 1).count(), images, p.scale());
        frequency("rotate", d.stream().filter(x -> x.degrees() != 0).count(), images, p.rotate());
        frequency("shear", d.stream().filter(x -> x.shearX() != 0).count(), images, p.shear());
        frequency("brightness", d.stream().filter(x -> x.delta() != 0).count(), images, p.brightness());
        frequency("cutout", d.stream().filter(x -> x.cutoutSize() != 0).count(), images, p.cutout());
    }

    private void frequency(String what, long count, int n, double p) {
        double sigma = Math.sqrt(n * p * (1 - p));
        double allowed = FREQUENCY_SIGMAS * sigma;
        if (count < n * p - allowed - 1e-9 || count > n * p + allowed + 1e-9) {
            throw new AssertionError(String.format(
                    Locale.ROOT,
                    t(
                            "%s happened in %d of %d draws, but its probability is %s (expected %.0f ± %.0f): draw it when r.nextDouble() < p",
                            "%s が %d / %d 回起きましたが、確率は %s です (期待値 %.0f ± %.0f)。r.nextDouble() < p のときに起こしてください"),
                    what,
                    count,
                    n,
                    Operation.number(p),
                    n * p,
                    allowed));
        }
    }

    /** Two objects with the same seed give the same batch and draws; another seed gives other draws. */
    void sameSeedSameBatch(PolicyCase c, NDManager m) {
        NDArray batch = c.batch(m);
        Run first = apply(c, m);
        Run again = run(student, studentAugmentation(c.policy(), c.seed()), batch);
        compare.agrees(
                t(
                        "a second RandomAugmentation with the same policy and seed, on the same batch",
                        "同じ方針とシードの 2 つ目の RandomAugmentation を同じバッチに"),
                first.out(),
                again.out(),
                Tolerance.EXACT,
                Shown.of("batch", batch));
        if (!first.draws().equals(again.draws())) {
            throw new AssertionError(t("the same policy and seed drew ", "同じ方針とシードで draw が異なりました: ")
                    + drawsText(first.draws())
                    + t(" and then ", " と ")
                    + drawsText(again.draws()));
        }
        Run other = run(student, studentAugmentation(c.policy(), c.seed() + 1), batch);
        if (first.draws().equals(other.draws())) {
            throw new AssertionError(String.format(
                    Locale.ROOT,
                    t(
                            "seeds %d and %d drew exactly the same %s: draw from new" + " SplittableRandom(seed)",
                            "シード %d と %d がまったく同じ %s を引きました。new SplittableRandom(seed) から引いてください"),
                    c.seed(),
                    c.seed() + 1,
                    drawsText(first.draws())));
        }
    }

    /** A second apply call continues the random sequence: new draws, each image its own. */
    void secondCallDrawsAfresh(PolicyCase c, NDManager m) {
        NDArray batch = c.batch(m);
        RandomAugmentationApi augmentation = studentAugmentation(c.policy(), c.seed());
        Run first = run(student, augmentation, batch);
        notDegenerate(c, batch, first);
        Run second = run(student, augmentation, batch);
        notDegenerate(c, batch, second);
        if (first.draws().equals(second.draws())) {
            throw new AssertionError(t(
                            "the second apply call on the same object repeated the first call's draws ",
                            "同じオブジェクトの 2 回目の apply が 1 回目と同じ draw を繰り返しました ")
                    + drawsText(first.draws())
                    + t(
                            ": keep one SplittableRandom for the object's whole life",
                            ": SplittableRandom はオブジェクトに 1 つだけ持ってください"));
        }
    }

    /** The images of a batch get their own draws (more than one distinct draw in a batch of 16 of a policy with 50 outcomes). */
    void imagesGetTheirOwnDraws(PolicyCase c, NDManager m) {
        Run run = apply(c, m);
        long distinct = run.draws().stream().distinct().count();
        if (distinct < 4) {
            throw new AssertionError(String.format(
                    Locale.ROOT,
                    t(
                            "%d images got only %d different draws %s: draw once per image, in batch order, not once per batch",
                            "%d 枚の画像に %d 種類の draw しかありません %s。バッチごとではなく画像ごとに、バッチの順に引いてください"),
                    run.draws().size(),
                    distinct,
                    drawsText(run.draws())));
        }
    }

    /** All channels of an image share its draw: a batch whose channels are equal stays so. */
    void channelsShareTheirImagesDraw(PolicyCase c, NDManager m) {
        NDArray plane = c.withDims(c.n(), 1, c.h(), c.w()).batch(m);
        NDArray batch = plane.concat(plane, 1).concat(plane, 1);
        PolicyCase three = c.withDims(c.n(), 3, c.h(), c.w());
        Run run = run(student, studentAugmentation(c.policy(), c.seed()), batch);
        notDegenerate(three, batch, run);
        for (int ch = 1; ch < 3; ch++) {
            compare.agrees(
                    String.format(
                            Locale.ROOT,
                            t(
                                    "channel %d of apply(batch) vs its channel 0 (the batch's three channels are"
                                            + " equal; draws %s)",
                                    "apply(batch) のチャンネル %d とチャンネル 0 (バッチの 3 チャンネルは等しい; draw %s)"),
                            ch,
                            drawsText(run.draws())),
                    run.out().get(":, 0:1"),
                    run.out().get(":, {}:{}", ch, ch + 1),
                    Tolerance.EXACT,
                    Shown.of("batch[:, 0]", plane));
        }
    }

    /** The draws are exactly the reference's for the same policy and seed (the documented order of random numbers). */
    void drawsFollowTheDocumentedOrder(PolicyCase c, NDManager m) {
        NDArray batch = c.batch(m);
        Run mine = apply(c, m);
        Run expected = run(reference, referenceAugmentation(c.policy(), c.seed()), batch);
        for (int i = 0; i < expected.draws().size(); i++) {
            Draw e = expected.draws().get(i);
            Draw a = mine.draws().get(i);
            if (!same(e, a)) {
                throw new AssertionError(String.format(
                        Locale.ROOT,
                        t(
                                "draw %d of the batch is %s, but the documented order of random numbers gives %s (same policy and seed)."
                                        + " Per image: 8 tests r.nextDouble() < p in the order flipHorizontal, flipVertical, scale, rotate,"
                                        + " shear, shift, brightness, cutout, each followed by its parameters only when taken",
                                "バッチの draw %d が %s ですが、決められた乱数の順序では %s になります (同じ方針とシード)。画像ごとに"
                                        + " flipHorizontal, flipVertical, scale, rotate, shear, shift, brightness, cutout の順に"
                                        + " r.nextDouble() < p を調べ、起こすときだけ続けてそのパラメータを引きます"),
                        i,
                        short_(a),
                        short_(e)));
            }
        }
    }

    /** Compare two draws: flags and integers exactly, real numbers to rounding (a*(2r-1) written another way). */
    static boolean same(Draw e, Draw a) {
        return e.flipHorizontal() == a.flipHorizontal()
                && e.flipVertical() == a.flipVertical()
                && close(e.factor(), a.factor())
                && close(e.degrees(), a.degrees())
                && close(e.shearX(), a.shearX())
                && e.shiftY() == a.shiftY()
                && e.shiftX() == a.shiftX()
                && close(e.delta(), a.delta())
                && e.cutoutTop() == a.cutoutTop()
                && e.cutoutLeft() == a.cutoutLeft()
                && e.cutoutSize() == a.cutoutSize();
    }

    private static boolean close(double e, double a) {
        return Math.abs(e - a) <= 1e-12 * Math.max(1, Math.abs(e));
    }

    /** On a float32 batch the result is float32 and the replay of its draws; the batch itself is not modified. */
    void keepsTheDtypeAndTheBatch(PolicyCase c, NDManager m) {
        NDArray batch = c.batch(m).toType(DataType.FLOAT32, false);
        NDArray given = batch.duplicate();
        RandomAugmentationApi augmentation = studentAugmentation(c.policy(), c.seed());
        NDArray out = augmentation.apply(given);
        compare.unchanged("apply(batch)", "batch", batch, given);
        compare.dtype("apply(batch)", DataType.FLOAT32, out);
        Run run = new Run(out, draws(student, augmentation, c.n()));
        notDegenerate(c, batch, run);
    }

    private void require(boolean condition, String where, String rule) {
        if (!condition) {
            throw new AssertionError(where + ": " + rule);
        }
    }

    private static String drawsText(List<Draw> draws) {
        StringBuilder out = new StringBuilder("[");
        for (int i = 0; i < draws.size() && i < 4; i++) {
            out.append(i == 0 ? "" : ", ").append(short_(draws.get(i)));
        }
        return out.append(draws.size() > 4 ? ", ...]" : "]").toString();
    }

    /** Write a draw with its non-neutral values only. */
    static String short_(Draw d) {
        List<String> parts = new ArrayList<>();
        if (d.flipHorizontal()) {
            parts.add("flipHorizontal");
        }
        if (d.flipVertical()) {
            parts.add("flipVertical");
        }
        if (d.factor() != 1) {
            parts.add("factor=" + d.factor());
        }
        if (d.degrees() != 0) {
            parts.add("degrees=" + d.degrees());
        }
        if (d.shearX() != 0) {
            parts.add("shearX=" + d.shearX());
        }
        if (d.shiftY() != 0 || d.shiftX() != 0) {
            parts.add("shift=(" + d.shiftY() + ", " + d.shiftX() + ")");
        }
        if (d.delta() != 0) {
            parts.add("delta=" + d.delta());
        }
        if (d.cutoutSize() != 0) {
            parts.add("cutout=(" + d.cutoutTop() + ", " + d.cutoutLeft() + ", " + d.cutoutSize() + ")");
        }
        return parts.isEmpty() ? "Draw.NONE" : "Draw{" + String.join(", ", parts) + "}";
    }

    private String t(String en, String jaText) {
        return ja ? jaText : en;
    }
}
