package kadai.grader.suite;

import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/**
 * Inject the submission being graded into a graded test's parameter: either the raw
 * {@link kadai.grader.api.StudentCode} or a facade interface annotated with {@link StudentClass}.
 */
@Documented
@Retention(RetentionPolicy.RUNTIME)
@Target(ElementType.PARAMETER)
public @interface Student {}
