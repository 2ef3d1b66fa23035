package kadai.grader.api;

import java.lang.reflect.InvocationHandler;
import java.lang.reflect.Method;
import java.lang.reflect.Proxy;

/** Turn calls on a facade interface into {@link StudentCode#invokeStatic} calls. */
final class StaticFacade {

    private StaticFacade() {}

    static <T> T create(StudentCode code, Class<T> facade, String className) {
        if (!facade.isInterface()) {
            throw new IllegalArgumentException(facade.getName() + " is not an interface; a facade of " + className
                    + " must be an interface whose methods mirror its static methods");
        }
        InvocationHandler handler = (proxy, method, args) -> {
            if (method.getDeclaringClass() == Object.class) {
                return objectMethod(proxy, method, args, className);
            }
            Object result = code.invokeStatic(
                    className, method.getName(), method.getParameterTypes(), args == null ? new Object[0] : args);
            return result;
        };
        return facade.cast(Proxy.newProxyInstance(facade.getClassLoader(), new Class<?>[] {facade}, handler));
    }

    private static Object objectMethod(Object proxy, Method method, Object[] args, String className) {
        return switch (method.getName()) {
            case "toString" -> "statics of " + className;
            case "hashCode" -> System.identityHashCode(proxy);
            case "equals" -> proxy == args[0];
            default -> throw new UnsupportedOperationException(method.getName());
        };
    }
}
