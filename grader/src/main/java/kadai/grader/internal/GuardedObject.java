package kadai.grader.internal;

import kadai.grader.api.StudentObject;

/** Route every call on a student object (not a layer) through the implementation's time limit. */
final class GuardedObject implements StudentObject {

    private final InProcessStudentCode code;
    private final Object target;

    GuardedObject(InProcessStudentCode code, Object target) {
        this.code = code;
        this.target = target;
    }

    InProcessStudentCode code() {
        return code;
    }

    Object target() {
        return target;
    }

    @Override
    public Object call(String method, Class<?>[] parameterTypes, Object... args) {
        return code.callMethod(target, InProcessStudentCode.simpleName(className()), method, parameterTypes, args);
    }

    @Override
    public String className() {
        return target.getClass().getName();
    }

    @Override
    public String toString() {
        return InProcessStudentCode.simpleName(className()) + " (student object)";
    }
}
