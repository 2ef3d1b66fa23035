package kadai.grader.property;

import ai.djl.ndarray.NDManager;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Objects;
import java.util.SplittableRandom;
import kadai.grader.api.Language;
import kadai.grader.api.StudentCodeException;
import kadai.grader.timing.CallTimes;

/**
 * Check a property on generated cases; on failure, shrink to a smallest failing case and fail
 * with a counterexample a student can read and reproduce.
 *
 * <pre>{@code
 * context.forAll(ConvCases.valid()).tries(40).check("im2col agrees with the reference", (c, m) -> {
 *     NDArray x = c.x(m);
 *     compare.agrees(c.call("im2col"), reference.im2col(x.duplicate(), ...), student.im2col(x.duplicate(), ...),
 *                    Tolerance.FLOAT64, Shown.of("x", x));
 * });
 * }</pre>
 *
 * <p>Shrinking is greedy: from the failing case, try the generator's smaller candidates in
 * order; move to the first that fails the same way (same exception type); repeat until none
 * does or the budget is spent. Explicit {@link #examples examples} run before generated cases.
 *
 * @param <T> the case type
 */
public final class PropertyCheck<T> {

    /** Most candidate cases evaluated while shrinking one failure. */
    public static final int SHRINK_BUDGET = 300;
    /** Wall time allowed for shrinking one failure. */
    public static final long SHRINK_MILLIS = 4000;

    private final Gen<T> gen;
    private final List<T> examples = new ArrayList<>();
    private int tries = 30;
    private long seed;
    private NDManager manager;
    private Language language = Language.EN;
    private String reproduce = "";

    private PropertyCheck(Gen<T> gen) {
        this.gen = Objects.requireNonNull(gen);
    }

    /** Start a check over cases of {@code gen}; set its seed and manager before {@link #check}. */
    public static <T> PropertyCheck<T> forAll(Gen<T> gen) {
        return new PropertyCheck<>(gen);
    }

    /** Set how many generated cases to try (after the examples). */
    public PropertyCheck<T> tries(int tries) {
        this.tries = tries;
        return this;
    }

    /** Set the seed of the generated cases. */
    public PropertyCheck<T> seed(long seed) {
        this.seed = seed;
        return this;
    }

    /** Set the manager under which each case gets a sub-manager. */
    public PropertyCheck<T> manager(NDManager manager) {
        this.manager = manager;
        return this;
    }

    /** Set the language of the counterexample text ({@code en} or {@code ja}). */
    public PropertyCheck<T> language(Language language) {
        this.language = language;
        return this;
    }

    /** Set the sentence that tells how to reproduce a failing case (the starter kit's visible tests). */
    public PropertyCheck<T> reproduce(String line) {
        this.reproduce = line;
        return this;
    }

    /** Add cases that are always checked first (hand-picked edge cases). */
    @SafeVarargs
    public final PropertyCheck<T> examples(T... cases) {
        for (T c : cases) {
            examples.add(c);
        }
        return this;
    }

    /** Check {@code property} on every case; throw a {@link PropertyFailure} with the smallest counterexample. */
    public void check(String property, CaseCheck<T> check) {
        if (manager == null) {
            throw new IllegalStateException("set a manager before check(): PropertyCheck.forAll(gen).manager(m)");
        }
        SplittableRandom random = new SplittableRandom(seed);
        int total = examples.size() + tries;
        for (int i = 0; i < total; i++) {
            T c = i < examples.size() ? examples.get(i) : gen.next(random);
            Throwable failure = run(check, c);
            if (failure != null) {
                long shrinking = System.nanoTime();
                try {
                    throw shrinkAndReport(property, check, c, failure, i + 1, total);
                } finally {
                    CallTimes.shrinking(shrinking);
                }
            }
        }
    }

    private PropertyFailure shrinkAndReport(
            String property, CaseCheck<T> check, T first, Throwable firstFailure, int tryNumber, int total) {
        T smallest = first;
        Throwable failure = firstFailure;
        int steps = 0;
        int evaluated = 0;
        long deadline = System.currentTimeMillis() + SHRINK_MILLIS;
        boolean improved = true;
        while (improved && evaluated < SHRINK_BUDGET && System.currentTimeMillis() < deadline) {
            improved = false;
            for (T candidate : gen.shrink(smallest)) {
                if (evaluated++ >= SHRINK_BUDGET || System.currentTimeMillis() >= deadline) {
                    break;
                }
                Throwable f = run(check, candidate);
                if (f != null && sameKind(f, firstFailure)) {
                    smallest = candidate;
                    failure = f;
                    steps++;
                    improved = true;
                    break;
                }
            }
        }
        return new PropertyFailure(render(property, smallest, failure, tryNumber, total, steps), failure);
    }

    private Throwable run(CaseCheck<T> check, T c) {
        CallTimes.caseChecked();
        try (NDManager scope = manager.newSubManager()) {
            check.check(c, scope);
            return null;
        } catch (AssertionError e) {
            return e;
        } catch (StudentCodeException e) {
            if (e.kind() == StudentCodeException.Kind.THREW) {
                return e;
            }
            // Missing code, a timeout or a dead runner is not a property of the case: report at once
            // (with the case when it may matter: a timeout can depend on the sizes).
            if (e.kind() == StudentCodeException.Kind.MISSING) {
                throw e;
            }
            throw new StudentCodeException(
                    e.kind(),
                    e.getMessage() + "\n" + ja("case: ", "ケース: ") + gen.describe(c),
                    e.thrownClassName(),
                    e.studentStackTrace());
        } catch (RuntimeException e) {
            return e;
        } catch (Exception e) {
            return e;
        }
    }

    private static boolean sameKind(Throwable a, Throwable b) {
        if (a instanceof StudentCodeException x && b instanceof StudentCodeException y) {
            return Objects.equals(x.thrownClassName(), y.thrownClassName());
        }
        return a.getClass() == b.getClass();
    }

    private String render(String property, T c, Throwable failure, int tryNumber, int total, int steps) {
        StringBuilder out = new StringBuilder();
        out.append(ja("Property failed: ", "性質が成り立ちません: ")).append(property).append('\n');
        out.append(String.format(
                Locale.ROOT,
                ja(
                        "Smallest failing case (case %d of %d failed; shrunk in %d steps):\n",
                        "失敗する最小のケース (%d / %d 番目のケースで失敗し、%d 段階で縮小):\n"),
                tryNumber,
                total,
                steps));
        out.append("  ").append(gen.describe(c)).append('\n');
        if (failure instanceof StudentCodeException e) {
            out.append(e.getMessage()).append('\n');
            if (!e.studentStackTrace().isEmpty()) {
                out.append(indent(e.studentStackTrace()));
            }
        } else if (failure instanceof AssertionError) {
            out.append(failure.getMessage()).append('\n');
        } else {
            out.append(ja("Checking the result failed with ", "結果の確認中に例外: "))
                    .append(failure)
                    .append('\n');
        }
        out.append(String.format(
                Locale.ROOT, ja("Property seed: %d (derived from the run's seed).", "性質のシード: %d（実行のシードから導出）。"), seed));
        if (!reproduce.isEmpty()) {
            out.append('\n').append(reproduce);
        }
        return out.append('\n').toString();
    }

    private static String indent(String text) {
        return text.lines()
                .map(l -> "    " + l)
                .reduce(new StringBuilder(), (b, l) -> b.append(l).append('\n'), StringBuilder::append)
                .toString();
    }

    private String ja(String en, String jaText) {
        return language == Language.JA ? jaText : en;
    }

    /** The property did not hold; the message is the rendered counterexample. */
    public static final class PropertyFailure extends AssertionError {
        private static final long serialVersionUID = 1L;

        PropertyFailure(String message, Throwable cause) {
            super(message, cause);
        }
    }
}
