package kadai.grader.suite;

import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/**
 * Name the student class whose static methods a facade interface mirrors.
 *
 * <pre>{@code
 * @StudentClass("kadai.assignments.conv.ConvOps")
 * public interface ConvOpsApi {
 *     int outputSize(int in, int filter, int stride, int pad);
 *     NDArray im2col(NDArray x, int fh, int fw, int stride, int pad);
 * }
 * }</pre>
 * A parameter {@code @Student ConvOpsApi student} then calls the submission's
 * {@code ConvOps.im2col} through {@link kadai.grader.api.StudentCode#statics}.
 */
@Documented
@Retention(RetentionPolicy.RUNTIME)
@Target(ElementType.TYPE)
public @interface StudentClass {

    /** The fully qualified class name, e.g. {@code kadai.assignments.conv.ConvOps}. */
    String value();
}
