package kadai.grader.sandbox;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import java.time.Duration;
import java.util.List;
import kadai.assignments.Layer;
import kadai.assignments.layers.ReLU;
import kadai.grader.ReferenceImplementation;
import kadai.grader.api.StudentCodeException;
import kadai.grader.sandbox.remote.SandboxedStudentCode;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * {@code StudentCode.chain} over layers of one runner: one round trip per forward and backward,
 * the same values as calling the layers in turn, and a failure inside names the layer that threw.
 */
class LayerChainTests {

    private static final Class<?>[] CONV_ARGS = {NDArray.class, NDArray.class, int.class, int.class};
    private static final Class<?>[] POOL_ARGS = {int.class, int.class, int.class, int.class};

    static Sandbox sandbox;
    static SandboxedStudentCode code;
    static NDManager manager;

    @BeforeAll
    static void start() {
        sandbox = Sandbox.create(
                SandboxConfig.builder()
                        .optMemoryBytes(1536L << 20)
                        .optHeapBytes(256L << 20)
                        .optCallTimeout(Duration.ofSeconds(60))
                        .optKeepCalls(16)
                        .optExchangeBytes(16L << 20)
                        .build(),
                SandboxMode.AUTO);
        code = SandboxedStudentCode.open(sandbox, ReferenceImplementation.classes());
        manager = NDManager.newBaseManager();
    }

    @AfterAll
    static void stop() {
        code.close();
        sandbox.close();
        manager.close();
    }

    private static List<Layer> stack(int seed) {
        manager.getEngine().setRandomSeed(seed);
        NDArray w = manager.randomNormal(0, 0.3f, new Shape(4, 1, 3, 3), DataType.FLOAT32);
        NDArray b = manager.randomNormal(0, 0.1f, new Shape(4), DataType.FLOAT32);
        return List.of(
                code.newLayer("kadai.assignments.conv.Convolution", CONV_ARGS, w, b, 1, 1),
                code.newLayer(ReLU.class.getName(), new Class<?>[0]),
                code.newLayer("kadai.assignments.pool.MaxPooling", POOL_ARGS, 2, 2, 2, 0));
    }

    @Test
    void aChainGivesWhatTheLayersGiveCalledInTurn() {
        NDArray x = manager.randomNormal(0, 1, new Shape(8, 1, 12, 12), DataType.FLOAT32);
        NDArray dout = manager.randomNormal(0, 1, new Shape(8, 4, 6, 6), DataType.FLOAT32);

        List<Layer> one = stack(3);
        Layer chain = code.chain(one);
        assertThat(chain.getClass().getSimpleName()).isEqualTo("RemoteChain");
        NDArray y = chain.forward(x);
        NDArray dx = chain.backward(dout);

        List<Layer> other = stack(3);
        NDArray yTurn = x;
        for (Layer l : other) {
            yTurn = l.forward(yTurn);
        }
        NDArray dTurn = dout;
        for (int i = other.size() - 1; i >= 0; i--) {
            dTurn = other.get(i).backward(dTurn);
        }
        assertThat(y.toFloatArray()).isEqualTo(yTurn.toFloatArray());
        assertThat(dx.toFloatArray()).isEqualTo(dTurn.toFloatArray());
        // the members keep their own gradients, as if called in turn
        assertThat(one.get(0).grads().get("W").toFloatArray())
                .isEqualTo(other.get(0).grads().get("W").toFloatArray());
        assertThat(chain.params()).isEmpty();
    }

    @Test
    void aChainWithALayerOfTheGraderCallsTheLayersInTurn() {
        List<Layer> layers = List.of(stack(5).get(0), new ReLU());
        Layer chain = code.chain(layers);
        assertThat(chain.getClass().getSimpleName()).isEqualTo("LayerChain");
        NDArray x = manager.randomNormal(0, 1, new Shape(2, 1, 6, 6), DataType.FLOAT32);
        assertThat(chain.forward(x).getShape()).isEqualTo(new Shape(2, 4, 6, 6));
    }

    @Test
    void aFailureInsideTheChainIsReportedAsTheCallOfTheLayerThatThrew() {
        Layer chain = code.chain(stack(7));
        NDArray wrongRank = manager.ones(new Shape(3, 3));
        assertThatThrownBy(() -> chain.forward(wrongRank))
                .isInstanceOf(StudentCodeException.class)
                .hasMessageContaining("Convolution.forward threw");
        // the runner is still there
        NDArray x = manager.randomNormal(0, 1, new Shape(1, 1, 4, 4), DataType.FLOAT32);
        assertThat(chain.forward(x).getShape()).isEqualTo(new Shape(1, 4, 2, 2));
    }
}
