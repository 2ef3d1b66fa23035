package kadai.tasks.internal;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import kadai.assignments.Layer;
import kadai.grader.api.StudentCodeException;
import org.junit.jupiter.api.Test;

import java.nio.file.Path;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class ClassLoaderStudentCodeTests {

    /** The stubs' classes: loaded child-first, they must win over the reference on the class path. */
    static final Path STUBS = Path.of(System.getProperty("kadai.stubs.classes", "../assignments/target/classes"));

    @Test
    void submissionClassesShadowTheReferenceOnTheClassPath() {
        try (ClassLoaderStudentCode stubs = ClassLoaderStudentCode.fromClasses(STUBS);
                NDManager manager = NDManager.newBaseManager()) {
            Layer layer = stubs.newLayer("kadai.assignments.pool.MaxPooling",
                    new Class<?>[] {int.class, int.class, int.class, int.class}, 2, 2, 2, 0);
            NDArray x = manager.zeros(new Shape(1, 1, 2, 2), DataType.FLOAT64);
            assertThatThrownBy(() -> layer.forward(x)).isInstanceOf(UnsupportedOperationException.class)
                    .hasMessageContaining("TODO");
            Layer reference = ClassLoaderStudentCode.reference().newLayer("kadai.assignments.pool.MaxPooling",
                    new Class<?>[] {int.class, int.class, int.class, int.class}, 2, 2, 2, 0);
            assertThat(reference.forward(x).getShape()).isEqualTo(new Shape(1, 1, 1, 1));
        }
    }

    @Test
    void studentExceptionsArriveAsThrewWithTheirClassName() {
        try (ClassLoaderStudentCode stubs = ClassLoaderStudentCode.fromClasses(STUBS)) {
            assertThatThrownBy(() -> stubs.invokeStatic("kadai.assignments.conv.ConvOps", "outputSize",
                    new Class<?>[] {int.class, int.class, int.class, int.class}, 4, 3, 1, 0))
                    .isInstanceOfSatisfying(StudentCodeException.class, e -> {
                        assertThat(e.kind()).isEqualTo(StudentCodeException.Kind.THREW);
                        assertThat(e.threw(UnsupportedOperationException.class)).isTrue();
                    });
        }
    }

    @Test
    void missingClassesAndMethodsArriveAsMissing() {
        ClassLoaderStudentCode reference = ClassLoaderStudentCode.reference();
        assertThatThrownBy(() -> reference.newLayer("kadai.assignments.conv.Nope", new Class<?>[0]))
                .isInstanceOfSatisfying(StudentCodeException.class,
                        e -> assertThat(e.kind()).isEqualTo(StudentCodeException.Kind.MISSING));
        assertThatThrownBy(() -> reference.invokeStatic("kadai.assignments.conv.ConvOps", "outputSize",
                new Class<?>[] {int.class}, 4))
                .isInstanceOfSatisfying(StudentCodeException.class,
                        e -> assertThat(e.kind()).isEqualTo(StudentCodeException.Kind.MISSING));
    }
}
