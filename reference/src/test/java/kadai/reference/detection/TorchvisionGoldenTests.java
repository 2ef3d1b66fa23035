package kadai.reference.detection;

import static kadai.assignments.testing.Tensors.assertClose;
import static org.assertj.core.api.Assertions.assertThat;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.stream.Collectors;
import kadai.assignments.detection.Anchors;
import kadai.assignments.detection.Boxes;
import kadai.assignments.detection.RoiAlign;
import kadai.assignments.detection.RoiPool;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * The reference detection classes against golden cases computed by Debian's torchvision 0.14
 * ({@code torchvision.ops.box_area}, {@code box_iou}, {@code nms}, {@code batched_nms}, {@code roi_pool},
 * {@code roi_align} and their autograd gradients; {@code BoxCoder}, {@code Matcher}), written by the
 * committed script {@code torchvision_golden.py}.
 */
class TorchvisionGoldenTests {

    /** Float64 results that only reorder sums (RoI Align divides once where torchvision divides at the end). */
    private static final double RTOL = 1e-12;

    private static final double ATOL = 1e-12;

    private NDManager manager;

    @BeforeEach
    void openManager() {
        manager = NDManager.newBaseManager();
    }

    @AfterEach
    void closeManager() {
        manager.close();
    }

    static List<GoldenCase> cases() {
        return GoldenCase.all();
    }

    @Test
    void theGoldenFileCoversEveryOperation() {
        Map<String, Long> byOp =
                cases().stream().collect(Collectors.groupingBy(GoldenCase::op, TreeMap::new, Collectors.counting()));
        assertThat(byOp.keySet())
                .containsExactly(
                        "area", "batched_nms", "decode", "encode", "iou", "match", "nms", "roi_align", "roi_pool");
        assertThat(cases()).hasSizeGreaterThan(50);
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("cases")
    void theReferenceReproducesTorchvision(GoldenCase c) {
        switch (c.op()) {
            case "area" -> close(c, "area", Boxes.area(c.array(manager, "boxes")));
            case "iou" -> close(c, "iou", Boxes.iou(c.array(manager, "a"), c.array(manager, "b")));
            case "encode" ->
                close(
                        c,
                        "deltas",
                        Boxes.encode(c.array(manager, "anchors"), c.array(manager, "targets"), c.values("weights")));
            case "decode" ->
                close(
                        c,
                        "boxes",
                        Boxes.decode(c.array(manager, "anchors"), c.array(manager, "deltas"), c.values("weights")));
            case "nms" ->
                assertThat(Boxes.nms(c.array(manager, "boxes"), c.array(manager, "scores"), c.param("threshold")))
                        .as(c.toString())
                        .containsExactly(c.ints("keep"));
            case "batched_nms" ->
                assertThat(Boxes.batchedNms(
                                c.array(manager, "boxes"),
                                c.array(manager, "scores"),
                                c.ints("classes"),
                                c.param("threshold")))
                        .as(c.toString())
                        .containsExactly(c.ints("keep"));
            case "match" ->
                assertThat(Anchors.match(c.array(manager, "iou"), c.param("positive"), c.param("negative")))
                        .as(c.toString())
                        .containsExactly(c.ints("matches"));
            case "roi_pool" -> {
                RoiPool pool = new RoiPool(c.intParam("out_h"), c.intParam("out_w"), c.param("scale"));
                close(c, "output", pool.forward(c.array(manager, "features"), c.array(manager, "rois")));
                close(c, "grad", pool.backward(c.array(manager, "dout")));
            }
            case "roi_align" -> {
                RoiAlign align = new RoiAlign(
                        c.intParam("out_h"),
                        c.intParam("out_w"),
                        c.param("scale"),
                        c.intParam("sampling"),
                        Boolean.parseBoolean(c.params().get("aligned")));
                close(c, "output", align.forward(c.array(manager, "features"), c.array(manager, "rois")));
                close(c, "grad", align.backward(c.array(manager, "dout")));
            }
            default -> throw new IllegalStateException("unknown golden operation " + c.op());
        }
    }

    private void close(GoldenCase c, String field, NDArray actual) {
        assertClose(c + ": " + field, c.array(manager, field), actual, RTOL, ATOL);
    }
}
