package kadai.grader.sandbox;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;
import kadai.assignments.Layer;
import kadai.grader.ReferenceImplementation;
import kadai.grader.api.RemoteParameters;
import kadai.grader.api.StudentCodeException;
import kadai.grader.api.StudentCodeException.Kind;
import kadai.grader.sandbox.remote.SandboxedStudentCode;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * A student layer in a real runner takes parameter values written back from the grader
 * (ASSIGN_PARAMS) into its own arrays; values that do not fit its params() are refused.
 */
class RemoteParametersTests {

    private static final String CONVOLUTION = "kadai.assignments.conv.Convolution";
    private static final Class<?>[] CONV_ARGS = {NDArray.class, NDArray.class, int.class, int.class};

    static Sandbox sandbox;
    static SandboxedStudentCode code;
    static NDManager manager;

    @BeforeAll
    static void start() {
        SandboxConfig config = SandboxConfig.builder()
                .optMemoryBytes(1024L << 20)
                .optHeapBytes(256L << 20)
                .optCallTimeout(Duration.ofSeconds(30))
                .build();
        sandbox = Sandbox.create(config, SandboxMode.AUTO);
        code = SandboxedStudentCode.open(sandbox, ReferenceImplementation.classes());
        manager = NDManager.newBaseManager();
    }

    @AfterAll
    static void stop() {
        code.close();
        sandbox.close();
        manager.close();
    }

    private static Layer convolution() {
        return code.newLayer(
                CONVOLUTION, CONV_ARGS, manager.zeros(new Shape(2, 1, 3, 3)), manager.zeros(new Shape(2)), 1, 1);
    }

    @Test
    void aRemoteLayerOffersAssignParamsAndItsForwardThenUsesTheValues() {
        Layer conv = convolution();
        assertThat(conv).isInstanceOf(RemoteParameters.class);
        Map<String, NDArray> values = new LinkedHashMap<>();
        values.put("W", manager.ones(new Shape(2, 1, 3, 3)));
        values.put("b", manager.create(new float[] {1, 2}));

        ((RemoteParameters) conv).assignParams(values);

        NDArray out = conv.forward(manager.ones(new Shape(1, 1, 3, 3)));
        // the centre pixel sees all nine ones: 9 + b
        assertThat(out.get(0, 0, 1, 1).getFloat()).isEqualTo(10f);
        assertThat(out.get(0, 1, 1, 1).getFloat()).isEqualTo(11f);
        assertThat(conv.params().get("b").toFloatArray()).containsExactly(1f, 2f);
    }

    @Test
    void aKeyTheLayerDoesNotHaveIsRefusedAsAFailedCallAndTheRunnerGoesOn() {
        Layer conv = convolution();
        Map<String, NDArray> values = new LinkedHashMap<>();
        values.put("W", manager.ones(new Shape(2, 1, 3, 3)));
        values.put("bias", manager.ones(new Shape(2)));

        StudentCodeException e =
                catchThrowableOfType(StudentCodeException.class, () -> ((RemoteParameters) conv).assignParams(values));

        assertThat(e.kind()).isEqualTo(Kind.THREW);
        assertThat(e).hasMessageContaining("Convolution.params").hasMessageContaining("bias");
        assertThat(code.failure()).isNull();
        assertThat(conv.params().get("W").toFloatArray()).as("nothing written").containsOnly(0f);
    }

    @Test
    void aWrongShapeOrDtypeIsRefused() {
        Layer conv = convolution();
        Map<String, NDArray> shape = new LinkedHashMap<>();
        shape.put("W", manager.ones(new Shape(1, 2, 3, 3)));
        shape.put("b", manager.ones(new Shape(2)));
        Map<String, NDArray> dtype = new LinkedHashMap<>();
        dtype.put("W", manager.ones(new Shape(2, 1, 3, 3), DataType.FLOAT64));
        dtype.put("b", manager.ones(new Shape(2)));

        StudentCodeException badShape =
                catchThrowableOfType(StudentCodeException.class, () -> ((RemoteParameters) conv).assignParams(shape));
        StudentCodeException badType =
                catchThrowableOfType(StudentCodeException.class, () -> ((RemoteParameters) conv).assignParams(dtype));

        assertThat(badShape).hasMessageContaining("(2, 1, 3, 3)").hasMessageContaining("(1, 2, 3, 3)");
        assertThat(badType).hasMessageContaining("float64");
        assertThat(conv.params().get("b").toFloatArray()).containsOnly(0f);
    }
}
