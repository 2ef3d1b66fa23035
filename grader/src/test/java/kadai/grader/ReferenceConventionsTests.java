package kadai.grader;

import static org.assertj.core.api.Assertions.assertThat;

import java.lang.reflect.Field;
import java.lang.reflect.Modifier;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import kadai.grader.internal.InProcessStudentCode;
import org.junit.jupiter.api.Test;

/**
 * The reference is loaded once per grader and shared by every grading (and by concurrent ones),
 * which is sound only while it keeps no mutable static state: no static field that is not final.
 */
class ReferenceConventionsTests {

    @Test
    void theReferenceKeepsNoMutableStaticState() throws Exception {
        Map<String, byte[]> classes = ReferenceImplementation.classes();
        assertThat(classes).isNotEmpty();
        ClassLoader loader = new ClassLoader(InProcessStudentCode.class.getClassLoader()) {
            @Override
            protected Class<?> loadClass(String name, boolean resolve) throws ClassNotFoundException {
                synchronized (getClassLoadingLock(name)) {
                    Class<?> c = findLoadedClass(name);
                    if (c == null && classes.containsKey(name)) {
                        byte[] bytes = classes.get(name);
                        c = defineClass(name, bytes, 0, bytes.length);
                    }
                    return c != null ? c : super.loadClass(name, resolve);
                }
            }
        };
        List<String> mutable = new ArrayList<>();
        for (String name : classes.keySet()) {
            for (Field f : Class.forName(name, false, loader).getDeclaredFields()) {
                if (Modifier.isStatic(f.getModifiers()) && !Modifier.isFinal(f.getModifiers()) && !f.isSynthetic()) {
                    mutable.add(name + "." + f.getName());
                }
            }
        }
        assertThat(mutable)
                .as("static fields that are not final in the reference")
                .isEmpty();
    }
}
