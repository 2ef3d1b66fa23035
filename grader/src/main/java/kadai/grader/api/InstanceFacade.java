package kadai.grader.api;

import java.lang.reflect.InvocationHandler;
import java.lang.reflect.Proxy;

/** Turn calls on a facade interface into {@link StudentObject#call} calls on one handle. */
final class InstanceFacade {

    private InstanceFacade() {}

    static <T> T create(Class<T> facade, Object handle) {
        if (!facade.isInterface()) {
            throw new IllegalArgumentException(facade.getName() + " is not an interface; a view of a student object"
                    + " must be an interface whose methods mirror the object's methods");
        }
        if (!(handle instanceof StudentObject object)) {
            throw new IllegalArgumentException("a view needs a StudentObject (from newObject, newLayer or a value"
                    + " student code returned), not "
                    + (handle == null ? "null" : handle.getClass().getName()));
        }
        InvocationHandler handler = (proxy, method, args) -> {
            if (method.getDeclaringClass() == Object.class) {
                return switch (method.getName()) {
                    case "toString" -> facade.getSimpleName() + " view of " + object;
                    case "hashCode" -> System.identityHashCode(proxy);
                    case "equals" -> proxy == args[0];
                    default -> throw new UnsupportedOperationException(method.getName());
                };
            }
            return object.call(method.getName(), method.getParameterTypes(), args == null ? new Object[0] : args);
        };
        return facade.cast(Proxy.newProxyInstance(facade.getClassLoader(), new Class<?>[] {facade}, handler));
    }
}
