package kadai.grader.api;

/**
 * A handle to an object that lives with one implementation of the student API: a student
 * object made by {@link StudentCode#newObject}, a layer made by {@link StudentCode#newLayer}, or
 * an object that student code returned (a record of its draws, a list of them).
 *
 * <p>In-process the handle wraps the object itself; in the sandbox the object stays in the
 * runner and the handle names it there. Either way every call goes through the implementation's
 * time limit and error translation, and takes and returns only values that may cross the seam
 * (see {@link StudentCode}). A handle passed back to the same implementation as an argument
 * arrives there as the object itself.
 */
public interface StudentObject {

    /**
     * Call a public instance method of the object.
     *
     * @param parameterTypes the declared parameter types; student classes are matched by name in
     *     the implementation's own class loader, so the stubs' classes may be named here
     * @throws StudentCodeException when the student code throws, the method is missing, or the
     *     call cannot complete (timeout, runner death)
     */
    Object call(String method, Class<?>[] parameterTypes, Object... args);

    /** Return the object's class name, for messages (in the sandbox, as the runner reported it). */
    String className();
}
