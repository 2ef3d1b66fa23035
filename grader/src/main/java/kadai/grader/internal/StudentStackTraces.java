package kadai.grader.internal;

/** Trim a stack trace to what a student can act on: the frames down to their own code. */
final class StudentStackTraces {

    private static final int MAX_FRAMES = 12;

    private StudentStackTraces() {}

    /**
     * Render the frames of {@code t} and its causes, each cut after the last frame of a class that the named
     * implementation loader defined (the grader's reflection and threads below it are noise).
     */
    static String trim(Throwable t, String loaderName) {
        StringBuilder out = new StringBuilder();
        Throwable current = t;
        for (int depth = 0; current != null && depth < 3; depth++, current = current.getCause()) {
            // The top exception's class and message are already in the report's first line.
            if (depth > 0) {
                out.append("Caused by: ").append(current.getClass().getName());
                if (current.getMessage() != null) {
                    out.append(": ").append(current.getMessage());
                }
                out.append('\n');
            }
            StackTraceElement[] frames = current.getStackTrace();
            int last = -1;
            for (int i = 0; i < frames.length; i++) {
                if (loaderName.equals(frames[i].getClassLoaderName())) {
                    last = i;
                }
            }
            int end = last < 0 ? Math.min(frames.length, 3) : last + 1;
            for (int i = 0; i < Math.min(end, MAX_FRAMES); i++) {
                out.append("  at ").append(frame(frames[i])).append('\n');
            }
            if (end > MAX_FRAMES) {
                out.append("  ... ").append(end - MAX_FRAMES).append(" more\n");
            }
        }
        return out.toString();
    }

    private static String frame(StackTraceElement e) {
        String file = e.getFileName() == null
                ? "Unknown Source"
                : e.getLineNumber() >= 0 ? e.getFileName() + ":" + e.getLineNumber() : e.getFileName();
        return e.getClassName() + "." + e.getMethodName() + "(" + file + ")";
    }
}
