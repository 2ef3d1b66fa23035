package kadai.grader.compile;

import static org.assertj.core.api.Assertions.assertThat;

import java.lang.management.ManagementFactory;
import java.lang.management.ThreadMXBean;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;
import javax.tools.Diagnostic;
import javax.tools.DiagnosticCollector;
import javax.tools.JavaCompiler;
import javax.tools.JavaFileObject;
import javax.tools.SimpleJavaFileObject;
import javax.tools.ToolProvider;
import kadai.grader.internal.SourceCompiler;
import kadai.grader.internal.StudentApi;
import kadai.grader.internal.SubmissionLimits;
import org.junit.jupiter.api.Test;

/**
 * A source that makes javac run for ever is stopped for real: the compiler process is killed at
 * the limit, no compiler thread or process is left running, the CPU goes back to idle, and the
 * next submission compiles on a fresh warm compiler with the usual file:line messages.
 */
class CompileBombTests {

    private static final StudentApi API = StudentApi.fromClasspath();

    /**
     * 466 bytes: nested calls of two generic overloads inside conditionals make javac's overload
     * resolution try every combination (each level doubles the work; here 10 levels took a minute, these are 15).
     */
    static final String BOMB = """
            package kadai.assignments.conv;

            import java.util.*;
            public class ConvOps {
                static <T> List<T> g(T t) { return null; }
                static <T> Set<T> g(Collection<T> t) { return null; }

                static Object f(boolean c) {
                    return g(c ? g(c ? g(c ? g(c ? g(c ? g(c ? g(c ? g(c ? g(c ? g(c ? g(c ? g(c ? g(c ? g(c ? g(c ? null
                        : null) : null) : null) : null) : null) : null) : null) : null) : null) : null) : null) : null) : null) : null) : null);
                }
            }
            """;

    @Test
    void theBombIsTheSizeOfTheOneThatWasFound() {
        assertThat(BOMB.getBytes(StandardCharsets.UTF_8)).hasSize(466);
    }

    @Test
    void aCompileBombIsKilledAtTheLimitAndLeavesNothingRunning() throws Exception {
        SourceCompiler compiler =
                new SourceCompiler(API, new SubmissionLimits(64, 256 * 1024, 1024 * 1024, Duration.ofSeconds(3)));
        String fine = "package kadai.assignments.conv;\npublic class ConvOps { static int one() { return 1; } }\n";
        assertThat(compiler.compile(Map.of("ConvOps.java", fine))).isInstanceOf(SourceCompiler.Compiled.class);
        Set<Long> before = compilerProcesses();

        long start = System.nanoTime();
        SourceCompiler.Result result = compiler.compile(Map.of("ConvOps.java", BOMB));
        double seconds = (System.nanoTime() - start) / 1e9;

        assertThat(result).isInstanceOf(SourceCompiler.Failed.class);
        assertThat(((SourceCompiler.Failed) result).message())
                .isEqualTo("compiling took longer than 3 s and was stopped");
        assertThat(seconds).as("stopped at the limit, not when javac gave up").isLessThan(3 + 15);
        for (long pid : before) {
            assertThat(ProcessHandle.of(pid).filter(ProcessHandle::isAlive))
                    .as("the compiler that ran the bomb, pid " + pid + ", was killed")
                    .isEmpty();
        }
        assertThat(javacThreads()).as("no javac thread in the grader").isEmpty();

        // CPU back to idle: over two seconds, neither a thread of this JVM nor a compiler process
        // (the warm replacement included) spends more than a fraction of a core. The replacement
        // first finishes starting (about 0.9 s of CPU, docs/benchmarks.md); a javac the kill
        // missed would still be running after the wait (the bomb never finishes by itself).
        Thread.sleep(3000);
        Map<Long, Long> threadsBefore = threadCpu();
        double processesBefore = descendantsCpuSeconds();
        Thread.sleep(2000);
        double processesAfter = descendantsCpuSeconds();
        Map<Long, Long> threadsAfter = threadCpu();
        for (Map.Entry<Long, Long> e : threadsAfter.entrySet()) {
            long spent = e.getValue() - threadsBefore.getOrDefault(e.getKey(), 0L);
            assertThat(spent / 1e9)
                    .as("CPU of thread " + e.getKey() + " over 2 s")
                    .isLessThan(0.5);
        }
        assertThat(processesAfter - processesBefore)
                .as("CPU of the grader's child processes over 2 s")
                .isLessThan(0.8);
        assertThat(javacThreads()).isEmpty();

        // The next submission compiles on a fresh compiler, with the usual file:line messages.
        String broken = "package kadai.assignments.conv;\npublic class ConvOps {\n    int x = y;\n}\n";
        SourceCompiler.Result next =
                new SourceCompiler(API, SubmissionLimits.DEFAULT).compile(Map.of("src/ConvOps.java", broken));
        assertThat(next).isInstanceOf(SourceCompiler.Failed.class);
        assertThat(((SourceCompiler.Failed) next).message())
                .startsWith("src/ConvOps.java:3:13: error: cannot find symbol");
    }

    @Test
    void compileErrorsReadExactlyAsJavacInTheGradersOwnJvmWouldWriteThem() {
        Map<String, String> sources = new HashMap<>();
        sources.put("src/main/java/kadai/assignments/conv/ConvOps.java", """
                package kadai.assignments.conv;

                import ai.djl.ndarray.NDArray;

                public final class ConvOps {
                \tpublic static NDArray im2col(NDArray x, int fh) {
                        return x.reshape(fh, undefined).foo();
                    }
                    int missingReturn() { }
                }
                """);
        sources.put(
                "src/main/java/kadai/assignments/conv/Helper.java",
                "package kadai.assignments.conv;\nclass Helper { String s = 1; }\n");
        SourceCompiler.Result result = new SourceCompiler(API, SubmissionLimits.DEFAULT).compile(sources);
        assertThat(result).isInstanceOf(SourceCompiler.Failed.class);
        assertThat(((SourceCompiler.Failed) result).message()).isEqualTo(inProcess(sources));
    }

    /** Render what javac in this JVM says, the way the grader rendered it before the compiler moved out. */
    private static String inProcess(Map<String, String> sources) {
        JavaCompiler javac = ToolProvider.getSystemJavaCompiler();
        DiagnosticCollector<JavaFileObject> diagnostics = new DiagnosticCollector<>();
        List<JavaFileObject> units = sources.entrySet().stream()
                .sorted(Map.Entry.comparingByKey())
                .map(e -> (JavaFileObject)
                        new SimpleJavaFileObject(URI.create("string:///" + e.getKey()), JavaFileObject.Kind.SOURCE) {
                            @Override
                            public CharSequence getCharContent(boolean ignore) {
                                return e.getValue();
                            }
                        })
                .toList();
        Path out;
        try {
            out = Files.createTempDirectory("kadai-javac");
        } catch (java.io.IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
        javac.getTask(
                        null,
                        null,
                        diagnostics,
                        List.of(
                                "-proc:none",
                                "-encoding",
                                "UTF-8",
                                "--release",
                                "17",
                                "-g",
                                "-nowarn",
                                "-implicit:none",
                                "-Xlint:none",
                                "-classpath",
                                API.compileClasspath(),
                                "-d",
                                out.toString()),
                        null,
                        units)
                .call();
        StringBuilder text = new StringBuilder();
        int errors = 0;
        for (Diagnostic<? extends JavaFileObject> d : diagnostics.getDiagnostics()) {
            if (d.getKind() != Diagnostic.Kind.ERROR) {
                continue;
            }
            errors++;
            String path = d.getSource().toUri().getPath().substring(1);
            text.append(path)
                    .append(':')
                    .append(d.getLineNumber())
                    .append(':')
                    .append(d.getColumnNumber())
                    .append(": error: ")
                    .append(d.getMessage(Locale.ROOT))
                    .append('\n');
            String line = sources.get(path)
                    .split("\n", -1)[(int) d.getLineNumber() - 1]
                    .replace("\t", "    ");
            text.append("    ").append(line.stripTrailing()).append('\n');
            text.append("    ")
                    .append(" ".repeat((int) d.getColumnNumber() - 1))
                    .append("^\n");
        }
        return text.append(errors).append(errors == 1 ? " error" : " errors").toString();
    }

    /** Return the compiler processes started by this JVM that are alive now. */
    private static Set<Long> compilerProcesses() {
        return ProcessHandle.current()
                .descendants()
                .filter(p -> p.info().commandLine().orElse("").contains(CompilerMain.class.getName()))
                .map(ProcessHandle::pid)
                .collect(Collectors.toSet());
    }

    private static List<String> javacThreads() {
        return Thread.getAllStackTraces().entrySet().stream()
                .filter(e -> Arrays.stream(e.getValue())
                        .anyMatch(f -> f.getClassName().startsWith("com.sun.tools.javac")))
                .map(e -> e.getKey().getName())
                .toList();
    }

    private static Map<Long, Long> threadCpu() {
        ThreadMXBean threads = ManagementFactory.getThreadMXBean();
        Map<Long, Long> cpu = new HashMap<>();
        for (long id : threads.getAllThreadIds()) {
            long t = threads.getThreadCpuTime(id);
            if (t >= 0) {
                cpu.put(id, t);
            }
        }
        return cpu;
    }

    private static double descendantsCpuSeconds() {
        return ProcessHandle.current()
                .descendants()
                .mapToDouble(
                        p -> p.info().totalCpuDuration().map(Duration::toNanos).orElse(0L) / 1e9)
                .sum();
    }
}
