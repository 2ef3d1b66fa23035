package kadai.grader.suite;

import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;
import kadai.grader.internal.GradingExtension;
import kadai.grader.result.Visibility;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * Mark a method of a graded suite as a graded test worth {@link #points()}.
 *
 * <p>It is a JUnit 5 {@code @Test}; its parameters are injected (see {@link Student},
 * {@link Reference}, {@link GradingContext}). The test passes for full points, fails for the
 * partial credit its {@link GradingContext#part parts} earned, and is stopped after
 * {@link #timeLimitSeconds()}; a failing or stopped test never affects the others.
 *
 * <pre>{@code
 * @Graded(points = 3, visibility = Visibility.VISIBLE, tags = {"im2col"}, timeLimitSeconds = 10)
 * @DisplayName("im2col agrees with the reference on generated cases")
 * void im2colAgreesWithTheReference(@Student ConvOpsApi student, @Reference ConvOpsApi reference,
 *                                   GradingContext context) { ... }
 * }</pre>
 */
@Documented
@Retention(RetentionPolicy.RUNTIME)
@Target(ElementType.METHOD)
@Test
@ExtendWith(GradingExtension.class)
public @interface Graded {

    /** Points for passing; failing parts earn their share (see {@link GradingContext#part}). */
    double points();

    /** When the student sees the result. */
    Visibility visibility() default Visibility.VISIBLE;

    /** Topics for statistics and filtering ("im2col", "adjoint", "edge-cases"). */
    String[] tags() default {};

    /** Wall-clock limit of the whole test, student calls included. */
    int timeLimitSeconds() default 10;

    /** The name in Japanese; the English name is the {@code @DisplayName} (or the method name). */
    String nameJa() default "";
}
