package kadai.grader.api;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import ai.djl.nn.Block;
import java.lang.invoke.MethodType;
import java.lang.reflect.Constructor;
import java.lang.reflect.Executable;
import java.lang.reflect.Method;
import java.lang.reflect.Modifier;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Predicate;
import java.util.stream.Collectors;
import kadai.assignments.Layer;
import kadai.grader.api.StudentCodeException.Kind;

/**
 * Find and call student classes by reflection, for the implementations of {@link StudentCode}
 * that load them into this JVM (the grader's in-process code, the tasks' direct calls, the
 * mutation driver), so that all of them resolve names, report missing members and turn objects
 * into {@link StudentObject} handles the same way the sandboxed runner does.
 */
public final class LocalObjects {

    /** How one implementation wraps its objects into handles and recognises its own handles. */
    public interface Handles {

        /** Return a handle to a student object that is not a layer. */
        StudentObject object(Object target);

        /** Return a handle to a student layer; it implements both {@link Layer} and {@link StudentObject}. */
        Layer layer(Layer target);

        /** Return the object a handle of this implementation stands for, or null for anything else. */
        Object target(Object handle);
    }

    private final ClassLoader loader;
    private final Predicate<Object> own;
    private final Handles handles;

    /**
     * @param loader where student classes are loaded (and parameter types resolved by name)
     * @param own which returned objects belong to the implementation (become handles)
     * @param handles how this implementation makes and recognises handles
     */
    public LocalObjects(ClassLoader loader, Predicate<Object> own, Handles handles) {
        this.loader = loader;
        this.own = own;
        this.handles = handles;
    }

    /** Load a student class, initialising it; a missing class is {@link Kind#MISSING}. */
    public Class<?> load(String className) {
        try {
            return Class.forName(className, true, loader);
        } catch (ClassNotFoundException | NoClassDefFoundError e) {
            throw missing("class " + className + " is missing; the contract needs a public class "
                    + simpleName(className) + " in package " + packageName(className));
        }
    }

    /**
     * Resolve declared parameter types by name in the implementation's loader: a student class
     * named by the grader (compiled against the stubs) means the implementation's class of that name.
     */
    public Class<?>[] resolve(Class<?>[] types) {
        Class<?>[] resolved = new Class<?>[types.length];
        for (int i = 0; i < types.length; i++) {
            Class<?> t = types[i];
            if (t.isPrimitive()) {
                resolved[i] = t;
                continue;
            }
            try {
                resolved[i] = Class.forName(t.getName(), false, loader);
            } catch (ClassNotFoundException | LinkageError e) {
                throw missing("parameter type " + t.getName() + " is not available to the submission (" + e + ")");
            }
        }
        return resolved;
    }

    /** Find a public static method; a missing or non-static one is {@link Kind#MISSING}. */
    public Method staticMethod(Class<?> type, String method, Class<?>[] parameterTypes) {
        String expected = "public static " + method + signature(parameterTypes);
        Method m;
        try {
            m = type.getMethod(method, parameterTypes);
        } catch (NoSuchMethodException e) {
            throw missing(type.getName() + " has no method " + expected + alternatives(type, method));
        }
        if (!Modifier.isStatic(m.getModifiers())) {
            throw missing(
                    type.getName() + "." + method + signature(parameterTypes) + " is not static; expected " + expected);
        }
        return m;
    }

    /** Find a public instance method of an object; a missing one is {@link Kind#MISSING}. */
    public Method instanceMethod(Object target, String method, Class<?>[] parameterTypes) {
        Class<?> type = target.getClass();
        Method m;
        try {
            m = type.getMethod(method, parameterTypes);
        } catch (NoSuchMethodException e) {
            throw missing(type.getName() + " has no method public " + method + signature(parameterTypes)
                    + alternatives(type, method));
        }
        if (Modifier.isStatic(m.getModifiers())) {
            throw missing(type.getName() + "." + method + signature(parameterTypes) + " is static; expected an"
                    + " instance method");
        }
        if (!Modifier.isPublic(m.getDeclaringClass().getModifiers())) {
            throw missing(m.getDeclaringClass().getName() + " is not public, so its method " + method
                    + " cannot be called; declare the class public");
        }
        return m;
    }

    /** Find a public constructor; a missing one is {@link Kind#MISSING}. */
    public Constructor<?> constructor(Class<?> type, Class<?>[] parameterTypes) {
        if (Modifier.isAbstract(type.getModifiers()) || !Modifier.isPublic(type.getModifiers())) {
            throw missing("class " + type.getName() + " must be public and not abstract");
        }
        try {
            return type.getConstructor(parameterTypes);
        } catch (NoSuchMethodException e) {
            String found = Arrays.stream(type.getConstructors())
                    .map(c -> type.getSimpleName() + signature(c.getParameterTypes()))
                    .collect(Collectors.joining(", "));
            throw missing(type.getName() + " has no constructor public " + type.getSimpleName()
                    + signature(parameterTypes) + (found.isEmpty() ? "" : "; found: " + found));
        }
    }

    /**
     * Return the arguments for a call of {@code target}: this implementation's handles replaced
     * by the objects they stand for, each checked against its parameter type so that a handle of
     * another implementation is named as such instead of failing inside reflection.
     */
    public Object[] arguments(Executable target, Object[] args) {
        Object[] out = args == null ? new Object[0] : args.clone();
        Class<?>[] types = target.getParameterTypes();
        if (out.length != types.length) {
            throw new IllegalArgumentException(
                    target.getName() + " takes " + types.length + " arguments, " + out.length + " given");
        }
        for (int i = 0; i < out.length; i++) {
            out[i] = unwrap(out[i]);
            Class<?> expected = types[i].isPrimitive()
                    ? MethodType.methodType(types[i]).wrap().returnType()
                    : types[i];
            if (out[i] != null && !expected.isInstance(out[i])) {
                throw new IllegalArgumentException("argument " + (i + 1) + " of " + target.getName() + " should be a "
                        + types[i].getName() + " of this implementation, not " + out[i]
                        + (out[i] instanceof StudentObject ? " (a handle of another implementation)" : ""));
            }
        }
        return out;
    }

    /** Replace this implementation's handles by their objects, inside lists and map values too (as the runner does). */
    private Object unwrap(Object arg) {
        Object own = handles.target(arg);
        if (own != null) {
            return own;
        }
        if (arg instanceof List<?> list) {
            List<Object> copy = new ArrayList<>(list.size());
            for (Object item : list) {
                copy.add(unwrap(item));
            }
            return copy;
        }
        if (arg instanceof Map<?, ?> map) {
            Map<Object, Object> copy = new LinkedHashMap<>();
            map.forEach((k, v) -> copy.put(k, unwrap(v)));
            return copy;
        }
        return arg;
    }

    /**
     * Return what the grader receives for a value student code returned: values as they are (maps
     * and lists copied, object arrays as lists), the implementation's own objects as handles. DJL
     * blocks stay themselves: trusted tasks train them in-process.
     */
    public Object wrap(Object value) {
        if (value == null || isValue(value) || value instanceof StudentObject || value instanceof Block) {
            return value;
        }
        if (value instanceof Map<?, ?> map) {
            Map<Object, Object> copy = new LinkedHashMap<>();
            map.forEach((k, v) -> copy.put(k, wrap(v)));
            return copy;
        }
        if (value instanceof List<?> list) {
            return wrapAll(list);
        }
        if (value instanceof Object[] array) {
            return wrapAll(Arrays.asList(array));
        }
        if (!own.test(value)) {
            return value;
        }
        return value instanceof Layer layer ? handles.layer(layer) : handles.object(value);
    }

    private List<Object> wrapAll(List<?> list) {
        List<Object> copy = new ArrayList<>(list.size());
        for (Object item : list) {
            copy.add(wrap(item));
        }
        return copy;
    }

    private static boolean isValue(Object v) {
        return v instanceof Number
                || v instanceof Boolean
                || v instanceof String
                || v instanceof Character
                || v instanceof NDArray
                || v instanceof NDList
                || v instanceof Shape
                || v instanceof DataType
                || v instanceof int[]
                || v instanceof long[]
                || v instanceof float[]
                || v instanceof double[]
                || v instanceof boolean[];
    }

    private static String alternatives(Class<?> type, String method) {
        List<String> found = new ArrayList<>();
        for (Method m : type.getDeclaredMethods()) {
            if (m.getName().equals(method)) {
                found.add(Modifier.toString(m.getModifiers()) + " "
                        + m.getReturnType().getSimpleName() + " " + method + signature(m.getParameterTypes()));
            }
        }
        return found.isEmpty() ? "" : "; found: " + String.join(", ", found);
    }

    /** Render parameter types as {@code (int, NDArray)}. */
    public static String signature(Class<?>[] types) {
        return Arrays.stream(types).map(Class::getSimpleName).collect(Collectors.joining(", ", "(", ")"));
    }

    /** Return the simple name of a binary class name. */
    public static String simpleName(String className) {
        return className.substring(className.lastIndexOf('.') + 1);
    }

    private static String packageName(String className) {
        int dot = className.lastIndexOf('.');
        return dot < 0 ? "(default)" : className.substring(0, dot);
    }

    /** Return a {@link Kind#MISSING} exception with this message. */
    public static StudentCodeException missing(String message) {
        return new StudentCodeException(Kind.MISSING, message, null, null);
    }
}
