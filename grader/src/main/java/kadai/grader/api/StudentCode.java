package kadai.grader.api;

import java.util.List;
import kadai.assignments.Layer;

/**
 * Call into one implementation of the student API: the student's submission or the reference.
 *
 * <p>This is the only way a graded suite reaches student code. The in-process implementation
 * loads the classes in an isolated class loader; the sandboxed one forwards every call to a
 * runner JVM. Suites never call {@code ConvOps.im2col(...)} directly, so they run unchanged on
 * either.
 *
 * <p>Values that cross the seam: {@code NDArray}, {@code NDList}, {@code Shape}, boxed
 * primitives ({@code Integer}, {@code Double}, {@code Float}, {@code Long}, {@code Boolean}),
 * {@code String}, primitive arrays ({@code int[]}, {@code long[]}, {@code float[]},
 * {@code double[]}, {@code boolean[]}), {@code DataType}, {@code Map<String, value>},
 * {@code List<value>} (an object array returned by student code arrives as a list),
 * {@code Layer} (a grader-side layer handed to student code stays in the grader; the student
 * sees a proxy), {@link StudentObject} handles and {@code null}. Any other object that student
 * code returns comes back as a {@link StudentObject} (in-process, DJL {@code Block}s are returned
 * as themselves, for the trusted tasks that train them). Returned arrays belong to the caller's
 * manager.
 */
public interface StudentCode extends AutoCloseable {

    /**
     * Invoke a public static method of a student class.
     *
     * @throws StudentCodeException when the student code throws, is missing the method, or
     *     the call cannot complete (timeout, runner death)
     */
    Object invokeStatic(String className, String method, Class<?>[] parameterTypes, Object... args);

    /**
     * Construct a student class that implements {@link Layer} and return a handle to it. The
     * handle also implements {@link StudentObject}, for the layer's other methods.
     */
    Layer newLayer(String className, Class<?>[] parameterTypes, Object... args);

    /**
     * Return one layer that runs {@code layers} one after the other: forward first to last,
     * backward last to first, returning the last layer's result; its {@code params()} and
     * {@code grads()} are empty (the members keep theirs). Where the members all live in the same
     * sandboxed runner, each forward or backward of the chain is one round trip and the
     * activations between the members never leave the runner; otherwise the members are called
     * in turn, exactly as a loop would.
     *
     * @param layers layers made by this student code (or provided layers), in forward order
     */
    default Layer chain(List<Layer> layers) {
        return new LayerChain(layers);
    }

    /**
     * Construct an object of any class the student code can load (a student class, a record
     * nested in one) and return a handle to it.
     *
     * @param parameterTypes the constructor's declared parameter types; student classes are
     *     matched by name in the implementation's own class loader
     * @throws UnsupportedOperationException from implementations that only make layers (test doubles)
     */
    default StudentObject newObject(String className, Class<?>[] parameterTypes, Object... args) {
        throw new UnsupportedOperationException(description() + " constructs only layers, not " + className);
    }

    /**
     * Return a typed view of a student object: each call on the returned interface becomes
     * {@link StudentObject#call} with the interface method's name and parameter types.
     *
     * @param handle a {@link StudentObject} (from {@link #newObject}, {@link #newLayer} or a value
     *     student code returned)
     */
    default <T> T view(Class<T> facade, Object handle) {
        return InstanceFacade.create(facade, handle);
    }

    /**
     * Return a typed view of a student class's static methods: each call on the returned
     * interface becomes {@link #invokeStatic} with the interface method's name and parameter
     * types.
     */
    default <T> T statics(Class<T> facade, String className) {
        return StaticFacade.create(this, facade, className);
    }

    /**
     * Return what the student code printed (System.out and System.err) since the last call of
     * this method, capped by the implementation; an empty string when nothing was printed or
     * the implementation does not capture output.
     */
    default String drainOutput() {
        return "";
    }

    /**
     * Return the peak memory, in bytes, of the process that ran this code so far, or -1 when it
     * is not measured (in-process code shares the grader's JVM, so no number would be its own).
     * The sandboxed implementation reports the runner JVM's peak resident set; a runner serves
     * one submission only, so the number belongs to this submission (plus the JVM, DJL and
     * PyTorch the runner had loaded before it).
     */
    default long peakMemoryBytes() {
        return -1;
    }

    /**
     * Return the CPU seconds the process that runs this code has used so far (the sandboxed
     * runner JVM: its start, DJL and the student's calls), or -1 when not measured (in-process).
     */
    default double cpuSeconds() {
        return -1;
    }

    /**
     * Return why no more calls can be made (the runner died or was stopped after a call overran
     * its limit), or null while they can.
     */
    default String failure() {
        return null;
    }

    /**
     * Say that nothing computed by the calls made so far is needed any more (a training run's
     * evaluation chunk is done): the sandboxed runner frees their arrays now instead of a few
     * calls later, so memory stays bounded by one chunk even when the student's code builds
     * every result with {@code NDManager.create(float[])} (direct buffers). Layers and objects
     * stay usable; implementations that free nothing by call do nothing.
     */
    default void releaseCalls() {}

    /**
     * Start the implementation afresh: load its classes again, so every static field starts over,
     * and forget the objects made before (handles to them must not be used afterwards). The
     * grader calls it between the visibility groups of a suite, so that what a submission kept
     * from one group's inputs is gone when the next group starts. Implementations without classes
     * of their own to reload do nothing.
     */
    default void reload() {}

    /** Name the way the code runs, for logs and results ("in-process", "sandbox:full", ...). */
    String description();

    /** Release the implementation (class loader, runner process). */
    @Override
    void close();
}
