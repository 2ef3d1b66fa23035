package kadai.grader.internal;

import javax.tools.Diagnostic;
import javax.tools.DiagnosticCollector;
import javax.tools.FileObject;
import javax.tools.ForwardingJavaFileManager;
import javax.tools.JavaCompiler;
import javax.tools.JavaFileManager;
import javax.tools.JavaFileObject;
import javax.tools.SimpleJavaFileObject;
import javax.tools.StandardJavaFileManager;
import javax.tools.ToolProvider;
import java.io.ByteArrayOutputStream;
import java.io.OutputStream;
import java.io.StringWriter;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.FutureTask;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Compile a submission's sources in memory against the assignments API and DJL.
 *
 * <p>Sources may be any subset of the student classes: the submitted ones win over the stubs on
 * the classpath, the others are taken from the stubs when the code is loaded. Files are checked
 * before compiling: each must be a student class in its own package; the provided files of the
 * starter kit ({@code Layer.java}, {@code testing/*}, {@code layers/*}) and test sources are skipped.
 */
public final class SourceCompiler {

    private static final Pattern PACKAGE = Pattern.compile("^\\s*package\\s+([\\w.]+)\\s*;", Pattern.MULTILINE);
    private static final Pattern COMMENTS = Pattern.compile("/\\*.*?\\*/|//[^\\n]*", Pattern.DOTALL);
    private static final int MAX_ERRORS_SHOWN = 20;

    private final StudentApi api;
    private final SubmissionLimits limits;

    public SourceCompiler(StudentApi api, SubmissionLimits limits) {
        this.api = api;
        this.limits = limits;
    }

    /** Say what came of compiling: class bytes, or a message for the student. */
    public sealed interface Result permits Compiled, Refused, Failed {
    }

    /**
     * The sources compiled.
     *
     * @param classes class bytes by binary name
     * @param notes what was skipped, for the report
     */
    public record Compiled(Map<String, byte[]> classes, List<String> notes) implements Result {
    }

    /** The submission was refused before compiling (wrong package, unknown class, too large). */
    public record Refused(String message) implements Result {
    }

    /** The compiler reported errors; {@code message} lists them with file:line:column. */
    public record Failed(String message) implements Result {
    }

    /** Check and compile sources given by relative path. */
    public Result compile(Map<String, String> sources) {
        List<String> notes = new ArrayList<>();
        List<String> problems = new ArrayList<>();
        Map<String, SourceFile> units = new LinkedHashMap<>();
        long total = 0;
        for (Map.Entry<String, String> e : sources.entrySet()) {
            String path = e.getKey().replace('\\', '/');
            String text = e.getValue();
            total += text.length();
            if (text.length() > limits.maxFileBytes()) {
                problems.add(path + ": larger than " + limits.maxFileBytes() / 1024 + " KB");
                continue;
            }
            if (path.contains("src/test/")) {
                notes.add("skipped " + path + " (test sources are not graded)");
                continue;
            }
            String fileName = path.substring(path.lastIndexOf('/') + 1);
            if (!fileName.endsWith(".java")) {
                notes.add("skipped " + path + " (not a .java file)");
                continue;
            }
            String simpleName = fileName.substring(0, fileName.length() - ".java".length());
            if (simpleName.equals("package-info")) {
                notes.add("skipped " + path + " (package documentation of the starter kit)");
                continue;
            }
            String pkg = packageOf(text);
            if ("kadai.assignments".equals(pkg) || "kadai.assignments.testing".equals(pkg)
                    || "kadai.assignments.layers".equals(pkg)) {
                notes.add("skipped " + path + " (provided by the starter kit; the grader uses its own copy)");
                continue;
            }
            String expectedPkg = api.packageOf(simpleName);
            if (expectedPkg != null && !expectedPkg.equals(pkg)) {
                problems.add(path + ": " + simpleName + " belongs in package " + expectedPkg + ", but the file "
                        + (pkg == null ? "declares no package" : "declares package " + pkg)
                        + "; start it with `package " + expectedPkg + ";`");
                continue;
            }
            if (expectedPkg == null && !api.isStudentPackage(pkg)) {
                problems.add(path + ": " + simpleName + " is not a class of the student API ("
                        + String.join(", ", api.simpleNames()) + ")"
                        + (pkg == null ? " and declares no package" : " and " + pkg + " is not a student package")
                        + "; put helper classes in the package of the class that uses them");
                continue;
            }
            if (expectedPkg == null) {
                notes.add("compiled " + path + " as a helper class (" + pkg + "." + simpleName
                        + " is not part of the student API)");
                expectedPkg = pkg;
            }
            String className = expectedPkg + "." + simpleName;
            if (units.containsKey(className)) {
                problems.add(path + ": " + className + " is submitted twice (also in " + units.get(className).path + ")");
                continue;
            }
            units.put(className, new SourceFile(path, text));
        }
        if (units.size() > limits.maxFiles()) {
            problems.add("the submission has " + units.size() + " source files; at most " + limits.maxFiles());
        }
        if (total > limits.maxTotalBytes()) {
            problems.add("the submission's sources exceed " + limits.maxTotalBytes() / 1024 + " KB in total");
        }
        if (!problems.isEmpty()) {
            return new Refused(String.join("\n", problems));
        }
        if (units.isEmpty()) {
            return new Refused("the submission has no student class to grade (expected one of "
                    + String.join(", ", api.simpleNames()) + ")");
        }
        return runCompiler(List.copyOf(units.values()), notes);
    }

    private Result runCompiler(List<SourceFile> files, List<String> notes) {
        JavaCompiler javac = ToolProvider.getSystemJavaCompiler();
        if (javac == null) {
            throw new IllegalStateException("no Java compiler in this runtime; run the grader on a JDK, not a JRE");
        }
        DiagnosticCollector<JavaFileObject> diagnostics = new DiagnosticCollector<>();
        StandardJavaFileManager standard = javac.getStandardFileManager(diagnostics, Locale.ROOT, StandardCharsets.UTF_8);
        MemoryFileManager memory = new MemoryFileManager(standard);
        List<String> options = List.of("-proc:none", "-encoding", "UTF-8", "--release", "17", "-g", "-nowarn",
                "-implicit:none", "-Xlint:none", "-classpath", api.compileClasspath());
        StringWriter out = new StringWriter();
        JavaCompiler.CompilationTask task = javac.getTask(out, memory, diagnostics, options, null, files);
        FutureTask<Boolean> run = new FutureTask<>(task::call);
        Thread thread = new Thread(run, "javac");
        thread.setDaemon(true);
        thread.start();
        boolean ok;
        try {
            ok = run.get(limits.compileTime().toMillis(), TimeUnit.MILLISECONDS);
        } catch (TimeoutException e) {
            thread.interrupt();
            return new Failed("compiling took longer than " + limits.compileTime().toSeconds() + " s and was stopped");
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return new Failed("compiling was interrupted");
        } catch (ExecutionException e) {
            return new Failed("the compiler crashed: " + e.getCause());
        }
        if (!ok) {
            return new Failed(render(diagnostics.getDiagnostics(), files));
        }
        return new Compiled(Map.copyOf(memory.classes), List.copyOf(notes));
    }

    private static String render(List<Diagnostic<? extends JavaFileObject>> diagnostics, List<SourceFile> files) {
        StringBuilder out = new StringBuilder();
        int shown = 0;
        int errors = 0;
        for (Diagnostic<? extends JavaFileObject> d : diagnostics) {
            if (d.getKind() != Diagnostic.Kind.ERROR) {
                continue;
            }
            errors++;
            if (shown++ >= MAX_ERRORS_SHOWN) {
                continue;
            }
            String path = d.getSource() instanceof SourceFile f ? f.path : "(compiler)";
            out.append(path);
            if (d.getLineNumber() > 0) {
                out.append(':').append(d.getLineNumber()).append(':').append(d.getColumnNumber());
            }
            out.append(": error: ").append(d.getMessage(Locale.ROOT)).append('\n');
            if (d.getSource() instanceof SourceFile f && d.getLineNumber() > 0) {
                String line = f.line(d.getLineNumber());
                if (line != null) {
                    out.append("    ").append(line.stripTrailing()).append('\n');
                    if (d.getColumnNumber() > 0) {
                        out.append("    ").append(" ".repeat((int) Math.max(0, d.getColumnNumber() - 1))).append("^\n");
                    }
                }
            }
        }
        if (errors > MAX_ERRORS_SHOWN) {
            out.append("... and ").append(errors - MAX_ERRORS_SHOWN).append(" more errors\n");
        }
        out.append(errors).append(errors == 1 ? " error" : " errors");
        return out.toString();
    }

    static String packageOf(String text) {
        Matcher m = PACKAGE.matcher(COMMENTS.matcher(text).replaceAll(" "));
        return m.find() ? m.group(1) : null;
    }

    private static final class SourceFile extends SimpleJavaFileObject {
        final String path;
        final String text;

        SourceFile(String path, String text) {
            super(URI.create("string:///" + path.replace(' ', '_')), Kind.SOURCE);
            this.path = path;
            this.text = text;
        }

        @Override
        public CharSequence getCharContent(boolean ignoreEncodingErrors) {
            return text;
        }

        String line(long number) {
            String[] lines = text.split("\n", -1);
            return number >= 1 && number <= lines.length ? lines[(int) number - 1].replace("\t", "    ") : null;
        }
    }

    private static final class MemoryFileManager extends ForwardingJavaFileManager<JavaFileManager> {
        final Map<String, byte[]> classes = new ConcurrentHashMap<>();

        MemoryFileManager(JavaFileManager delegate) {
            super(delegate);
        }

        @Override
        public JavaFileObject getJavaFileForOutput(Location location, String className, JavaFileObject.Kind kind,
                                                   FileObject sibling) {
            return new SimpleJavaFileObject(URI.create("mem:///" + className.replace('.', '/') + kind.extension), kind) {
                @Override
                public OutputStream openOutputStream() {
                    return new ByteArrayOutputStream() {
                        @Override
                        public void close() {
                            classes.put(className, toByteArray());
                        }
                    };
                }
            };
        }
    }
}
