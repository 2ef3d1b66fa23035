package kadai.grader.suites.detection;

import kadai.grader.api.StudentCode;
import kadai.grader.result.Visibility;
import kadai.grader.suite.Graded;
import kadai.grader.suite.GradingContext;
import kadai.grader.suite.Reference;
import kadai.grader.suite.Student;
import kadai.grader.suites.detection.BoxCase.Layout;
import kadai.grader.suites.detection.RoiCase.Rois;
import kadai.grader.suites.detection.RoiCase.Values;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.TestMethodOrder;

/**
 * Grade the detection assignment (lecture notes §6.1-6.2, §6.5): {@code Boxes} (areas, IoU, box coding,
 * NMS), {@code Anchors} (grid and matching), {@code RoiPool} and {@code RoiAlign} (forward, backward),
 * against the reference, which reproduces torchvision's conventions (checked on golden cases from
 * Debian's torchvision by the reference module's tests).
 *
 * <p>Agreement tests compare with the reference on generated cases; each special case (ties, IoU equal
 * to the threshold, the decode clamp, low-quality matches, tied maxima) has its own test, and the
 * agreement tests avoid them, so one bug loses its own tests. Property and structural tests check their
 * property on the student's own results plus a non-degeneracy condition (a constant or an output that
 * ignores its input fails), not agreement, so a wrong value elsewhere does not cost them too.
 */
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
public class DetectionSuite {

    private static BoxChecks boxes(BoxesApi student, BoxesApi reference, GradingContext context) {
        return new BoxChecks(student, reference, context.language());
    }

    private static NmsChecks nms(BoxesApi student, BoxesApi reference, GradingContext context) {
        return new NmsChecks(student, reference, context.language());
    }

    private static RoiChecks roi(StudentCode student, StudentCode reference, boolean align, GradingContext context) {
        return new RoiChecks(student, reference, align, context.language());
    }

    @Order(1)
    @Graded(
            points = 2,
            visibility = Visibility.VISIBLE,
            tags = {"golden", "Boxes", "Anchors", "RoiPool", "RoiAlign"},
            timeLimitSeconds = 30,
            nameJa = "ハンドアウトの計算例 (メソッドごとの部分点)")
    @DisplayName("The handout's worked examples (a part per method)")
    void workedExamplesOfTheHandout(
            @Student BoxesApi student, @Student AnchorsApi anchors, @Student StudentCode code, GradingContext context) {
        new HandoutExamples(student, anchors, code, context.language()).run(context);
    }

    @Order(2)
    @Graded(
            points = 3,
            visibility = Visibility.VISIBLE,
            tags = {"area", "iou"},
            timeLimitSeconds = 30,
            nameJa = "area と iou が参照実装と一致する (離れた、接する、入れ子の、同じボックス)")
    @DisplayName("area and iou agree with the reference (disjoint, touching, nested and identical boxes)")
    void areaAndIouAgreeWithTheReference(
            @Student BoxesApi student, @Reference BoxesApi reference, GradingContext context) {
        BoxChecks checks = boxes(student, reference, context);
        context.forAll(BoxCases.of(context.language()))
                .tries(30)
                .check(
                        context.text(
                                "area = (x2 - x1) (y2 - y1) and iou = intersection / union agree with the reference",
                                "area = (x2 - x1) (y2 - y1) と iou = 共通部分 / 和集合 が参照実装と一致する"),
                        (c, m) -> {
                            checks.areaAgrees(c, m);
                            checks.iouAgrees(c, m);
                        });
    }

    @Order(3)
    @Graded(
            points = 1,
            visibility = Visibility.HIDDEN,
            tags = {"iou", "property"},
            timeLimitSeconds = 30,
            nameJa = "iou は対称で [0, 1] の範囲、対角は 1、平行移動で変わらず、離れたボックスでは 0")
    @DisplayName(
            "iou is symmetric, within [0, 1], 1 on the diagonal, unchanged by translation, and 0 for boxes far apart")
    void iouHasItsProperties(@Student BoxesApi student, @Reference BoxesApi reference, GradingContext context) {
        BoxChecks checks = boxes(student, reference, context);
        context.forAll(BoxCases.of(context.language(), Layout.RANDOM, Layout.CLUSTERED))
                .tries(20)
                .check(context.text("IoU's properties hold", "IoU の性質が成り立つ"), checks::iouHasItsProperties);
    }

    @Order(4)
    @Graded(
            points = 2,
            visibility = Visibility.VISIBLE,
            tags = {"encode"},
            timeLimitSeconds = 30,
            nameJa = "encode (Faster R-CNN の (tx, ty, tw, th)) が weights を含めて参照実装と一致する")
    @DisplayName("encode (Faster R-CNN's (tx, ty, tw, th)) agrees with the reference, weights included")
    void encodeAgreesWithTheReference(
            @Student BoxesApi student, @Reference BoxesApi reference, GradingContext context) {
        BoxChecks checks = boxes(student, reference, context);
        context.forAll(BoxCases.of(context.language()))
                .tries(25)
                .check(context.text("encode agrees with the reference", "encode が参照実装と一致する"), checks::encodeAgrees);
    }

    @Order(5)
    @Graded(
            points = 2,
            visibility = Visibility.VISIBLE,
            tags = {"decode"},
            timeLimitSeconds = 30,
            nameJa = "decode が参照実装と一致する (打ち切りに届かない deltas)")
    @DisplayName("decode agrees with the reference (deltas below the clamp)")
    void decodeAgreesWithTheReference(
            @Student BoxesApi student, @Reference BoxesApi reference, GradingContext context) {
        BoxChecks checks = boxes(student, reference, context);
        context.forAll(BoxCases.of(context.language()))
                .tries(25)
                .check(context.text("decode agrees with the reference", "decode が参照実装と一致する"), checks::decodeAgrees);
    }

    @Order(6)
    @Graded(
            points = 1,
            visibility = Visibility.HIDDEN,
            tags = {"encode", "decode", "property"},
            timeLimitSeconds = 30,
            nameJa = "decode(encode(t)) = t (あなたの encode と decode が互いに逆)")
    @DisplayName("decode(encode(t)) = t (your decode inverts your encode)")
    void decodeInvertsEncode(@Student BoxesApi student, @Reference BoxesApi reference, GradingContext context) {
        BoxChecks checks = boxes(student, reference, context);
        context.forAll(BoxCases.of(context.language()))
                .tries(20)
                .check(
                        context.text(
                                "decode(anchors, encode(anchors, targets, w), w) = targets",
                                "decode(anchors, encode(anchors, targets, w), w) = targets"),
                        checks::decodeInvertsEncode);
    }

    @Order(7)
    @Graded(
            points = 1,
            visibility = Visibility.HIDDEN,
            tags = {"decode", "clamp"},
            timeLimitSeconds = 30,
            nameJa = "decode は weights で割った後の tw, th を log(1000/16) で打ち切る (参照実装と一致)")
    @DisplayName("decode clamps tw, th at log(1000/16) after dividing by the weights (agreement with the reference)")
    void decodeClampsTheScaleAfterTheWeights(
            @Student BoxesApi student, @Reference BoxesApi reference, GradingContext context) {
        BoxChecks checks = boxes(student, reference, context);
        context.forAll(BoxCases.beyondClamp(context.language()))
                .tries(20)
                .check(
                        context.text(
                                "decode clamps tw / ww and th / wh (not tw, th) at log(1000 / 16), from above only",
                                "decode は tw / ww と th / wh (tw, th ではない) を上からだけ log(1000 / 16) で打ち切る"),
                        checks::decodeAgrees);
    }

    @Order(8)
    @Graded(
            points = 3,
            visibility = Visibility.VISIBLE,
            tags = {"nms"},
            timeLimitSeconds = 30,
            nameJa = "nms が参照実装と一致する (すべて異なるスコア)")
    @DisplayName("nms agrees with the reference (distinct scores)")
    void nmsAgreesWithTheReference(@Student BoxesApi student, @Reference BoxesApi reference, GradingContext context) {
        NmsChecks checks = nms(student, reference, context);
        context.forAll(NmsCases.distinct(context.language()))
                .tries(30)
                .check(
                        context.text("greedy NMS keeps the same boxes in the same order", "貪欲な NMS が同じボックスを同じ順に残す"),
                        checks::nmsAgrees);
    }

    @Order(9)
    @Graded(
            points = 1,
            visibility = Visibility.HIDDEN,
            tags = {"nms", "ties"},
            timeLimitSeconds = 30,
            nameJa = "nms: 同点のスコアはインデックスの小さい順、IoU がちょうど閾値なら抑制しない (参照実装と一致)")
    @DisplayName("nms takes equal scores by index and keeps boxes whose IoU equals the threshold (agreement)")
    void nmsBreaksTiesByIndexAndKeepsEqualOverlaps(
            @Student BoxesApi student, @Reference BoxesApi reference, GradingContext context) {
        NmsChecks checks = nms(student, reference, context);
        context.forAll(NmsCases.tiesAndExactOverlaps(context.language()))
                .tries(25)
                .check(
                        context.text(
                                "equal scores go by lower index; only IoU > threshold suppresses",
                                "同点はインデックスの小さい順; 抑制は IoU > 閾値のときだけ"),
                        checks::nmsAgrees);
    }

    @Order(10)
    @Graded(
            points = 1,
            visibility = Visibility.HIDDEN,
            tags = {"nms", "property"},
            timeLimitSeconds = 30,
            nameJa = "nms の結果はスコア順の部分集合で、残したボックスどうしの IoU は閾値以下、捨てたボックスは上位の残したボックスと重なる")
    @DisplayName(
            "nms returns a subset in score order whose IoUs are at most the threshold, and every dropped box overlaps a kept box above it")
    void nmsResultHasTheDefiningProperties(
            @Student BoxesApi student, @Reference BoxesApi reference, GradingContext context) {
        NmsChecks checks = nms(student, reference, context);
        context.forAll(NmsCases.distinct(context.language()))
                .tries(25)
                .check(
                        context.text("the result is what greedy NMS defines", "結果が貪欲な NMS の定義を満たす"),
                        checks::nmsHasItsProperties);
    }

    @Order(11)
    @Graded(
            points = 2,
            visibility = Visibility.VISIBLE,
            tags = {"batchedNms"},
            timeLimitSeconds = 30,
            nameJa = "batchedNms (クラスごとの NMS、全体をスコア順) が参照実装と一致する")
    @DisplayName("batchedNms (NMS per class, all kept boxes by score) agrees with the reference")
    void batchedNmsAgreesWithTheReference(
            @Student BoxesApi student, @Reference BoxesApi reference, GradingContext context) {
        NmsChecks checks = nms(student, reference, context);
        context.forAll(NmsCases.distinct(context.language()))
                .tries(30)
                .check(
                        context.text(
                                "a box suppresses only boxes of its own class; one list by score",
                                "ボックスは同じクラスのボックスだけを抑制し、結果はスコア順の 1 つのリスト"),
                        checks::batchedNmsAgrees);
    }

    @Order(12)
    @Graded(
            points = 2,
            visibility = Visibility.VISIBLE,
            tags = {"grid"},
            timeLimitSeconds = 30,
            nameJa = "Anchors.grid が参照実装と一致する (順序 y, x, 比, 大きさ; 中心 ((x + 0.5) stride, (y + 0.5) stride))")
    @DisplayName(
            "Anchors.grid agrees with the reference (order y, x, ratio, size; centres ((x + 0.5) stride, (y + 0.5) stride))")
    void gridAgreesWithTheReference(
            @Student AnchorsApi student, @Reference AnchorsApi reference, GradingContext context) {
        AnchorChecks checks = new AnchorChecks(student, reference, context.language());
        context.forAll(new GridCases(context.language()))
                .tries(25)
                .check(
                        context.text("the anchor grid agrees with the reference", "アンカーのグリッドが参照実装と一致する"),
                        checks::gridAgrees);
    }

    @Order(13)
    @Graded(
            points = 2,
            visibility = Visibility.VISIBLE,
            tags = {"match"},
            timeLimitSeconds = 30,
            nameJa = "Anchors.match が参照実装と一致する (同点も閾値ちょうども含まない IoU)")
    @DisplayName("Anchors.match agrees with the reference (IoUs without ties or values at the thresholds)")
    void matchAgreesWithTheReference(
            @Student AnchorsApi student, @Reference AnchorsApi reference, GradingContext context) {
        AnchorChecks checks = new AnchorChecks(student, reference, context.language());
        context.forAll(new MatchCases(context.language(), MatchCase.Kind.DISTINCT))
                .tries(30)
                .check(context.text("match agrees with the reference", "match が参照実装と一致する"), checks::matchAgrees);
    }

    @Order(14)
    @Graded(
            points = 1,
            visibility = Visibility.HIDDEN,
            tags = {"match", "ties"},
            timeLimitSeconds = 30,
            nameJa = "match: 同点、閾値ちょうどの IoU、重なりのない正解、正解なし、各正解の最良アンカー (参照実装と一致)")
    @DisplayName(
            "match with ties, IoUs at the thresholds, targets without overlap, no targets: every target keeps its best anchors (agreement)")
    void matchGivesEveryTargetItsBestAnchors(
            @Student AnchorsApi student, @Reference AnchorsApi reference, GradingContext context) {
        AnchorChecks checks = new AnchorChecks(student, reference, context.language());
        context.forAll(new MatchCases(context.language(), MatchCase.Kind.COARSE))
                .tries(40)
                .check(
                        context.text(
                                "ties go to the lower target index; >= positive is positive, < negative background; anchors tied for"
                                        + " a target's best IoU get their own best target back",
                                "同点は正解のインデックスの小さい方; positive 以上は正例、negative 未満は背景; 正解の最大 IoU に並ぶアンカーは自分の最良の正解に戻る"),
                        checks::matchAgrees);
    }

    @Order(15)
    @Graded(
            points = 3,
            visibility = Visibility.VISIBLE,
            tags = {"RoiPool", "forward"},
            timeLimitSeconds = 40,
            nameJa = "RoiPool.forward が参照実装と一致する (セルへの丸め、両端を含む幅、空の窓は 0)")
    @DisplayName("RoiPool.forward agrees with the reference (rounding to cells, both end cells counted, empty bins 0)")
    void roiPoolForwardAgreesWithTheReference(
            @Student StudentCode student, @Reference StudentCode reference, GradingContext context) {
        RoiChecks checks = roi(student, reference, false, context);
        context.forAll(RoiCases.of(context.language(), false, Values.RANDOM, Values.DISTINCT))
                .tries(30)
                .check(
                        context.text("RoI pooling agrees with the reference", "RoI プーリングが参照実装と一致する"),
                        checks::forwardAgrees);
    }

    @Order(16)
    @Graded(
            points = 2,
            visibility = Visibility.VISIBLE,
            tags = {"RoiPool", "backward"},
            timeLimitSeconds = 40,
            nameJa = "RoiPool.backward が参照実装と一致する (同点のない特徴; 勾配は最大値のセルへ、重なれば足し合わせる)")
    @DisplayName("RoiPool.backward agrees with the reference (no ties; gradients go to each bin's maximum and add up)")
    void roiPoolBackwardAgreesWithTheReference(
            @Student StudentCode student, @Reference StudentCode reference, GradingContext context) {
        RoiChecks checks = roi(student, reference, false, context);
        context.forAll(RoiCases.of(context.language(), false, Values.RANDOM, Values.DISTINCT))
                .tries(25)
                .check(
                        context.text("RoI pooling's backward agrees with the reference", "RoI プーリングの逆伝播が参照実装と一致する"),
                        checks::backwardAgrees);
    }

    @Order(17)
    @Graded(
            points = 1,
            visibility = Visibility.HIDDEN,
            tags = {"RoiPool", "ties"},
            timeLimitSeconds = 40,
            nameJa = "RoiPool: 同じ値が並ぶ窓では行優先で最初の最大値に勾配を送る (参照実装と一致)")
    @DisplayName("RoiPool sends the gradient of a tied bin to its first maximum in row-major order (agreement)")
    void roiPoolBackwardSendsTiesToTheFirstMaximum(
            @Student StudentCode student, @Reference StudentCode reference, GradingContext context) {
        RoiChecks checks = roi(student, reference, false, context);
        context.forAll(RoiCases.of(context.language(), false, Values.SMALL_INTEGERS))
                .tries(25)
                .check(
                        context.text("on ties the first maximum (row-major) wins", "同点では行優先で最初の最大値が選ばれる"),
                        checks::backwardAgrees);
    }

    @Order(18)
    @Graded(
            points = 3,
            visibility = Visibility.VISIBLE,
            tags = {"RoiAlign", "forward"},
            timeLimitSeconds = 40,
            nameJa = "RoiAlign.forward が参照実装と一致する (aligned の両方、あらゆる samplingRatio、マップの外)")
    @DisplayName(
            "RoiAlign.forward agrees with the reference (both alignments, every samplingRatio, RoIs outside the map)")
    void roiAlignForwardAgreesWithTheReference(
            @Student StudentCode student, @Reference StudentCode reference, GradingContext context) {
        RoiChecks checks = roi(student, reference, true, context);
        context.forAll(RoiCases.of(context.language(), true, Values.RANDOM, Values.DISTINCT))
                .tries(30)
                .check(
                        context.text("RoI Align agrees with the reference", "RoI Align が参照実装と一致する"),
                        checks::forwardAgrees);
    }

    @Order(19)
    @Graded(
            points = 2,
            visibility = Visibility.VISIBLE,
            tags = {"RoiAlign", "backward"},
            timeLimitSeconds = 40,
            nameJa = "RoiAlign.backward が参照実装と一致する (双線形の重みで配り、足し合わせる)")
    @DisplayName("RoiAlign.backward agrees with the reference (spread with the bilinear weights, added up)")
    void roiAlignBackwardAgreesWithTheReference(
            @Student StudentCode student, @Reference StudentCode reference, GradingContext context) {
        RoiChecks checks = roi(student, reference, true, context);
        context.forAll(RoiCases.of(context.language(), true, Values.RANDOM))
                .tries(25)
                .check(
                        context.text("RoI Align's backward agrees with the reference", "RoI Align の逆伝播が参照実装と一致する"),
                        checks::backwardAgrees);
    }

    @Order(20)
    @Graded(
            points = 2,
            visibility = Visibility.HIDDEN,
            tags = {"RoiPool", "RoiAlign", "gradient-check"},
            timeLimitSeconds = 50,
            nameJa = "RoiPool と RoiAlign の逆伝播が、自分の forward の数値微分と一致する (forward は参照実装と一致すること)")
    @DisplayName("Both backwards match numerical gradients of your own forward (which must agree with the reference)")
    void backwardsMatchNumericalGradients(
            @Student StudentCode student, @Reference StudentCode reference, GradingContext context) {
        RoiChecks pool = roi(student, reference, false, context);
        RoiChecks align = roi(student, reference, true, context);
        context.forAll(RoiCases.of(context.language(), false, Values.DISTINCT).maxSide(5))
                .tries(4)
                .check(
                        context.text(
                                "RoiPool.backward is the gradient of RoiPool.forward (features without ties)",
                                "RoiPool.backward が RoiPool.forward の勾配 (同点のない特徴)"),
                        pool::backwardMatchesNumericalGradient);
        context.forAll(RoiCases.of(context.language(), true, Values.RANDOM).maxSide(5))
                .tries(4)
                .check(
                        context.text(
                                "RoiAlign.backward is the gradient of RoiAlign.forward",
                                "RoiAlign.backward が RoiAlign.forward の勾配"),
                        align::backwardMatchesNumericalGradient);
    }

    @Order(21)
    @Graded(
            points = 1,
            visibility = Visibility.HIDDEN,
            tags = {"RoiPool", "RoiAlign", "property"},
            timeLimitSeconds = 40,
            nameJa = "RoI を並べ替えると出力も並べ替わり、RoiAlign は特徴について線形 (出力は入力に従うこと)")
    @DisplayName(
            "Permuting the RoIs permutes the outputs, and RoiAlign is linear in the features (outputs must follow the input)")
    void roiOutputsPermuteAndRoiAlignIsLinear(
            @Student StudentCode student, @Reference StudentCode reference, GradingContext context) {
        RoiChecks pool = roi(student, reference, false, context);
        RoiChecks align = roi(student, reference, true, context);
        context.forAll(RoiCases.of(context.language(), false, Values.RANDOM)
                        .rois(Rois.INSIDE, Rois.HALF_PIXELS)
                        .fixedSampling())
                .tries(10)
                .check(
                        context.text("RoiPool: permuted RoIs give permuted outputs", "RoiPool: RoI の並べ替えで出力も並べ替わる"),
                        pool::hasItsProperties);
        context.forAll(RoiCases.of(context.language(), true, Values.RANDOM)
                        .rois(Rois.INSIDE, Rois.HALF_PIXELS)
                        .fixedSampling())
                .tries(10)
                .check(
                        context.text(
                                "RoiAlign: permuted RoIs give permuted outputs; linear in the features",
                                "RoiAlign: RoI の並べ替えで出力も並べ替わる; 特徴について線形"),
                        align::hasItsProperties);
    }

    @Order(22)
    @Graded(
            points = 1,
            visibility = Visibility.AFTER_DUE_DATE,
            tags = {"immutability"},
            timeLimitSeconds = 40,
            nameJa = "どのメソッドも入力を書き換えない (出力が入力に従うことも必要)")
    @DisplayName("No method modifies its inputs (and the results follow the inputs)")
    void inputsAreNotModified(
            @Student BoxesApi student,
            @Reference BoxesApi reference,
            @Student AnchorsApi anchors,
            @Reference AnchorsApi referenceAnchors,
            @Student StudentCode code,
            @Reference StudentCode referenceCode,
            GradingContext context) {
        BoxChecks boxChecks = boxes(student, reference, context);
        context.forAll(BoxCases.of(context.language(), Layout.RANDOM))
                .tries(8)
                .check(
                        context.text("Boxes leaves its inputs unchanged", "Boxes が入力を書き換えない"),
                        boxChecks::leaveInputsUnchanged);
        AnchorChecks anchorChecks = new AnchorChecks(anchors, referenceAnchors, context.language());
        context.forAll(new MatchCases(context.language(), MatchCase.Kind.DISTINCT))
                .tries(8)
                .check(
                        context.text("match leaves the IoU matrix unchanged", "match が IoU 行列を書き換えない"),
                        anchorChecks::matchLeavesIouUnchanged);
        for (boolean align : new boolean[] {false, true}) {
            RoiChecks checks = roi(code, referenceCode, align, context);
            context.forAll(RoiCases.of(context.language(), align, Values.RANDOM)
                            .rois(Rois.INSIDE)
                            .fixedSampling())
                    .tries(6)
                    .check(
                            context.text(
                                    "forward and backward leave features, rois and dout unchanged",
                                    "forward と backward が features, rois, dout を書き換えない"),
                            checks::leaveInputsUnchanged);
        }
    }

    @Order(23)
    @Graded(
            points = 1,
            visibility = Visibility.AFTER_DUE_DATE,
            tags = {"dtype"},
            timeLimitSeconds = 40,
            nameJa = "float32 の入力に float32 の結果を返す (出力が入力に従うことも必要)")
    @DisplayName("Float32 inputs give float32 results (which follow the inputs)")
    void float32IsKept(
            @Student BoxesApi student,
            @Reference BoxesApi reference,
            @Student AnchorsApi anchors,
            @Reference AnchorsApi referenceAnchors,
            @Student StudentCode code,
            @Reference StudentCode referenceCode,
            GradingContext context) {
        BoxChecks boxChecks = boxes(student, reference, context);
        context.forAll(BoxCases.of(context.language(), Layout.RANDOM))
                .tries(8)
                .check(context.text("Boxes keeps float32", "Boxes が float32 を保つ"), boxChecks::keepFloat32);
        AnchorChecks anchorChecks = new AnchorChecks(anchors, referenceAnchors, context.language());
        context.forAll(new GridCases(context.language()))
                .tries(8)
                .check(
                        context.text("grid of a float32 map is float32", "float32 のマップのグリッドは float32"),
                        anchorChecks::gridKeepsFloat32);
        for (boolean align : new boolean[] {false, true}) {
            RoiChecks checks = roi(code, referenceCode, align, context);
            context.forAll(RoiCases.of(context.language(), align, Values.RANDOM)
                            .rois(Rois.INSIDE)
                            .fixedSampling())
                    .tries(6)
                    .check(
                            context.text(
                                    "float32 features give float32 outputs and gradients",
                                    "float32 の特徴に float32 の出力と勾配"),
                            checks::keepFloat32);
        }
    }

    @Order(24)
    @Graded(
            points = 1,
            visibility = Visibility.AFTER_DUE_DATE,
            tags = {"validation"},
            timeLimitSeconds = 40,
            nameJa = "不正な引数を IllegalArgumentException で拒む (最も近い正しい呼び出しは入力に従う結果を返すこと)")
    @DisplayName(
            "Invalid arguments are rejected with IllegalArgumentException (the nearest valid call must give a result that follows its input)")
    void invalidArgumentsAreRejected(
            @Student BoxesApi student,
            @Reference BoxesApi reference,
            @Student AnchorsApi anchors,
            @Reference AnchorsApi referenceAnchors,
            @Student StudentCode code,
            @Reference StudentCode referenceCode,
            GradingContext context) {
        new InvalidArguments(student, reference, anchors, referenceAnchors, code, referenceCode, context.language())
                .run(context);
    }
}
