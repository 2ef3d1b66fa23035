package kadai.web.assignment;

import java.util.List;
import java.util.Optional;

/** Name the course's assignments: the package students write in and the classes they implement. */
public final class Catalog {

    /**
     * One entry: id, Java package of the student classes, the classes, English and Japanese titles,
     * and the earlier assignments whose classes (in another package) this one's may call: a
     * submission may include those files ({@code pool}'s {@code MaxPooling} may use the student's
     * own {@code ConvOps} of {@code conv-op}).
     */
    public record Entry(
            String id, String javaPackage, List<String> classes, String titleEn, String titleJa, List<String> uses) {

        /** An entry whose classes use nothing from other packages. */
        public Entry(String id, String javaPackage, List<String> classes, String titleEn, String titleJa) {
            this(id, javaPackage, classes, titleEn, titleJa, List.of());
        }

        /** Return the source paths of the classes ({@code kadai/assignments/conv/ConvOps.java}). */
        public List<String> files() {
            return classes.stream()
                    .map(c -> javaPackage.replace('.', '/') + "/" + c + ".java")
                    .toList();
        }
    }

    private static final List<Entry> ENTRIES = List.of(
            new Entry(
                    "conv-op",
                    "kadai.assignments.conv",
                    List.of("ConvOps"),
                    "im2col, col2im and output sizes",
                    "im2col・col2im と出力サイズ"),
            new Entry(
                    "conv",
                    "kadai.assignments.conv",
                    List.of("Convolution"),
                    "Convolution layer: forward and backward",
                    "畳み込み層の順伝播と逆伝播"),
            new Entry(
                    "pool",
                    "kadai.assignments.pool",
                    List.of("MaxPooling"),
                    "Max pooling: forward and backward",
                    "最大プーリングの順伝播と逆伝播",
                    List.of("conv-op")),
            new Entry(
                    "resnet",
                    "kadai.assignments.resnet",
                    List.of("GlobalAveragePooling", "BasicBlock", "Bottleneck", "ResNetBlocks"),
                    "ResNet blocks",
                    "ResNet のブロック"),
            new Entry(
                    "gan",
                    "kadai.assignments.gan",
                    List.of("GanLoss", "LeakyRelu"),
                    "GAN losses and LeakyReLU",
                    "GAN の損失関数と LeakyReLU"),
            new Entry(
                    "segment",
                    "kadai.assignments.segment",
                    List.of(
                            "TransposedConvolution",
                            "IndexedMaxPooling",
                            "MaxUnpooling",
                            "SkipConnection",
                            "PixelCrossEntropy",
                            "UNets"),
                    "Transposed convolution, SegNet and U-Net",
                    "転置畳み込み・SegNet・U-Net"),
            new Entry(
                    "pix2pix",
                    "kadai.assignments.pix2pix",
                    List.of("Conditioning", "Pix2PixLoss"),
                    "Conditional GAN inputs and pix2pix losses",
                    "条件付き GAN の入力と pix2pix の損失関数"),
            new Entry(
                    "detection",
                    "kadai.assignments.detection",
                    List.of("Boxes", "Anchors", "RoiPool", "RoiAlign"),
                    "Object detection: boxes, anchors, NMS, RoI pooling and RoI Align",
                    "物体検出: バウンディングボックス、アンカー、NMS、RoI プーリングと RoI Align"),
            new Entry(
                    "augment",
                    "kadai.assignments.augment",
                    List.of("Augment", "RandomAugmentation"),
                    "Data augmentation",
                    "データ拡張"));

    public List<Entry> entries() {
        return ENTRIES;
    }

    public Optional<Entry> find(String id) {
        return ENTRIES.stream().filter(e -> e.id().equals(id)).findFirst();
    }

    /** Return the files of the assignments {@code entry} uses from other packages (a submission may add them). */
    public List<String> usedFiles(Entry entry) {
        return entry.uses().stream()
                .map(this::find)
                .flatMap(Optional::stream)
                .flatMap(e -> e.files().stream())
                .toList();
    }
}
