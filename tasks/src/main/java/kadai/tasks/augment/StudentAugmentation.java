package kadai.tasks.augment;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.types.DataType;
import java.lang.reflect.RecordComponent;
import kadai.assignments.augment.RandomAugmentation.Policy;
import kadai.grader.api.StudentCode;
import kadai.grader.api.StudentObject;

/**
 * The submission's {@code RandomAugmentation}, built with a policy and a seed through the seam; each
 * batch goes to it and comes back checked (same shape, finite values) as float32.
 */
final class StudentAugmentation {

    static final String CLASS = "kadai.assignments.augment.RandomAugmentation";

    /** The one method the task calls. */
    interface Api {
        NDArray apply(NDArray batch);
    }

    private final Api api;

    StudentAugmentation(StudentCode code, Policy policy, long seed) {
        RecordComponent[] components = Policy.class.getRecordComponents();
        Class<?>[] types = new Class<?>[components.length];
        Object[] values = new Object[components.length];
        for (int i = 0; i < components.length; i++) {
            types[i] = components[i].getType();
            try {
                values[i] = components[i].getAccessor().invoke(policy);
            } catch (ReflectiveOperationException e) {
                throw new IllegalStateException("cannot read Policy." + components[i].getName(), e);
            }
        }
        StudentObject handle = code.newObject(CLASS + "$Policy", types, values);
        this.api = code.view(Api.class, code.newObject(CLASS, new Class<?>[] {Policy.class, long.class}, handle, seed));
    }

    /** Return the augmented batch, checked, in float32. */
    NDArray apply(NDArray batch) {
        NDArray out = api.apply(batch);
        if (out == null || !out.getShape().equals(batch.getShape())) {
            throw new IllegalStateException("RandomAugmentation.apply must return the batch's shape " + batch.getShape()
                    + ", got " + (out == null ? "null" : out.getShape()));
        }
        NDArray result = out.toType(DataType.FLOAT32, false);
        if (!result.isInfinite().logicalOr(result.isNaN()).none().getBoolean()) {
            throw new IllegalStateException("RandomAugmentation.apply returned values that are not finite");
        }
        return result;
    }
}
