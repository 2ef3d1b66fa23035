package kadai.grader.property;

import java.util.List;
import java.util.SplittableRandom;
import java.util.function.Predicate;

/**
 * Generate cases for a property and shrink a failing one.
 *
 * @param <T> the case type, an immutable value (a record) whose {@code toString} a student can read
 */
public interface Gen<T> {

    /** Return a new case drawn from {@code random} (and nothing else). */
    T next(SplittableRandom random);

    /**
     * Return cases "smaller" than {@code value}, most aggressive first. The harness keeps the
     * first one that still fails and asks again, until none fails.
     */
    default List<T> shrink(T value) {
        return List.of();
    }

    /** Describe a case for the counterexample. */
    default String describe(T value) {
        return String.valueOf(value);
    }

    /**
     * Return a generator of the cases that satisfy {@code condition} (e.g. max pooling's
     * {@code pad <= pool / 2}); shrinking keeps to them too. Drawing gives up after 1000 rejected
     * cases, which means the condition is too rare for this generator: narrow the generator instead.
     */
    default Gen<T> filter(Predicate<? super T> condition) {
        Gen<T> base = this;
        return new Gen<>() {
            @Override
            public T next(SplittableRandom random) {
                for (int i = 0; i < 1000; i++) {
                    T value = base.next(random);
                    if (condition.test(value)) {
                        return value;
                    }
                }
                throw new IllegalStateException("the filter rejected 1000 cases in a row; generate the cases you need"
                        + " directly instead of filtering");
            }

            @Override
            public List<T> shrink(T value) {
                return base.shrink(value).stream().filter(condition).toList();
            }

            @Override
            public String describe(T value) {
                return base.describe(value);
            }
        };
    }
}
