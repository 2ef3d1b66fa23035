package kadai.grader.sandbox;

import ai.djl.ndarray.NDManager;
import kadai.grader.api.StudentObject;

/** Stand in, in the grader, for a student object (not a layer) that lives in the runner. */
final class RemoteObject implements StudentObject {

    private static final int MAX_NAME = 200;

    private final SandboxedStudentCode code;
    private final long handle;
    private final String className;
    private final NDManager home;

    RemoteObject(SandboxedStudentCode code, long handle, String className, NDManager home) {
        this.code = code;
        this.handle = handle;
        this.className = className;
        this.home = home;
    }

    SandboxedStudentCode code() {
        return code;
    }

    long handle() {
        return handle;
    }

    @Override
    public Object call(String method, Class<?>[] parameterTypes, Object... args) {
        return code.callObject(handle, className, home, method, parameterTypes, args);
    }

    @Override
    public String className() {
        return className;
    }

    /**
     * Make a class name the runner reported safe to show: it is untrusted text, so keep it short
     * and to the characters a Java binary name can have.
     */
    static String printable(String reported) {
        if (reported == null || reported.isEmpty()) {
            return "student object";
        }
        StringBuilder sb = new StringBuilder();
        for (int i = 0; i < reported.length() && sb.length() < MAX_NAME; i++) {
            char c = reported.charAt(i);
            sb.append(Character.isJavaIdentifierPart(c) || c == '.' || c == '$' || c == '[' ? c : '?');
        }
        return sb.toString();
    }

    @Override
    public String toString() {
        return className + " (in the runner, #" + handle + ")";
    }
}
