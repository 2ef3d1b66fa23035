package kadai.tasks.data;

import static org.assertj.core.api.Assertions.assertThat;

import ai.djl.Device;
import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import ai.djl.nn.Activation;
import ai.djl.nn.Block;
import ai.djl.nn.LambdaBlock;
import ai.djl.nn.SequentialBlock;
import ai.djl.nn.convolutional.Conv2d;
import ai.djl.nn.norm.BatchNorm;
import java.util.Optional;
import java.util.function.UnaryOperator;
import org.junit.jupiter.api.Test;

/**
 * The probe against small blocks with and without a Java number in their graph: the hazard a student's
 * {@code UNets} or {@code ResNetBlocks} can carry into a training run.
 */
class CollectionProbeTests {

    private static final Shape INPUT = new Shape(2, 1, 8, 8);

    /** conv 4 - the middle - batch norm - conv 2. */
    private static Block around(UnaryOperator<NDArray> middle) {
        return new SequentialBlock()
                .add(Conv2d.builder()
                        .setFilters(4)
                        .setKernelShape(new Shape(3, 3))
                        .optPadding(new Shape(1, 1))
                        .build())
                .add(new LambdaBlock(list -> new NDList(middle.apply(list.singletonOrThrow()))))
                .add(BatchNorm.builder().build())
                .add(Conv2d.builder()
                        .setFilters(2)
                        .setKernelShape(new Shape(3, 3))
                        .optPadding(new Shape(1, 1))
                        .build());
    }

    private static Optional<String> probe(Block block) {
        try (NDManager manager = NDManager.newBaseManager(Device.cpu())) {
            block.initialize(manager, DataType.FLOAT32, INPUT);
            return CollectionProbe.check(block, manager, INPUT, "the test block");
        }
    }

    @Test
    void aJavaNumberMultipliedInsideTheBlockIsNamed() {
        assertThat(probe(around(x -> x.mul(0.5f))))
                .hasValueSatisfying(message -> assertThat(message)
                        .startsWith("the test block gives other gradients when the JVM collects garbage")
                        .contains("x.mul(0.5f)")
                        .contains("x.getManager().full(new Shape(), 0.5f, x.getDataType())"));
    }

    @Test
    void aReluWrittenAsMaximumWithANumberIsNamed() {
        assertThat(probe(around(x -> x.maximum(0f)))).isPresent();
    }

    @Test
    void constantsInEngineMemoryAndDjlLayersPass() {
        assertThat(probe(around(Activation::relu))).isEmpty();
        assertThat(probe(around(x -> x.mul(GraphConstants.of(x, 0.5))))).isEmpty();
        assertThat(probe(around(x -> x))).isEmpty();
    }

    @Test
    void aBlockThatIsNotReproducibleIsNotJudged() {
        // Random weights drawn in engine memory on every pass: the plain passes already disagree.
        assertThat(probe(around(x -> x.mul(x.getManager().randomUniform(0, 1, x.getShape())))))
                .isEmpty();
    }
}
