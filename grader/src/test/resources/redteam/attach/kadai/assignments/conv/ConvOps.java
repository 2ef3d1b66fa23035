package kadai.assignments.conv;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.types.Shape;

/** Red-team fixture: attaches to other JVMs (the grader) to read or patch them. */
public final class ConvOps {

    private ConvOps() {
    }

    public static int outputSize(int in, int filter, int stride, int pad) {
        return (in + 2 * pad - filter) / stride + 1;
    }

    public static String attach(String graderPid) {
        StringBuilder report = new StringBuilder();
        try {
            Class<?> vm = Class.forName("com.sun.tools.attach.VirtualMachine");
            Object list = vm.getMethod("list").invoke(null);
            report.append("visible JVMs: ").append(((java.util.List<?>) list).size()).append('\n');
            for (String pid : new String[] {graderPid, Long.toString(ProcessHandle.current().pid())}) {
                try {
                    Object target = vm.getMethod("attach", String.class).invoke(null, pid);
                    report.append("ATTACHED ").append(pid).append('\n');
                    vm.getMethod("detach").invoke(target);
                } catch (java.lang.reflect.InvocationTargetException e) {
                    report.append(pid).append(" -> ").append(e.getCause()).append('\n');
                }
            }
        } catch (Throwable e) {
            report.append("attach API: ").append(e).append('\n');
        }
        return report.toString();
    }

}
