package kadai.grader.internal;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import kadai.grader.compile.CompilerPool;

/**
 * Compile a submission's sources in memory against the assignments API and DJL, in a warm
 * compiler process of a {@link CompilerPool} (killed, not merely interrupted, when a compilation
 * overruns {@link SubmissionLimits#compileTime()}).
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
    private final CompilerPool compilers;

    /** Compile on this JVM's shared pool of warm compiler processes. */
    public SourceCompiler(StudentApi api, SubmissionLimits limits) {
        this(api, limits, CompilerPool.shared());
    }

    /** Compile on {@code compilers} (separate processes, killed when a compilation overruns its limit). */
    public SourceCompiler(StudentApi api, SubmissionLimits limits, CompilerPool compilers) {
        this.api = api;
        this.limits = limits;
        this.compilers = compilers;
    }

    /** Say what came of compiling: class bytes, or a message for the student. */
    public sealed interface Result permits Compiled, Refused, Failed {}

    /**
     * The sources compiled.
     *
     * @param classes class bytes by binary name
     * @param notes what was skipped, for the report
     */
    public record Compiled(Map<String, byte[]> classes, List<String> notes) implements Result {}

    /** The submission was refused before compiling (wrong package, unknown class, too large). */
    public record Refused(String message) implements Result {}

    /** The compiler reported errors; {@code message} lists them with file:line:column. */
    public record Failed(String message) implements Result {}

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
            if ("kadai.assignments".equals(pkg)
                    || "kadai.assignments.testing".equals(pkg)
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
                problems.add(
                        path + ": " + className + " is submitted twice (also in " + units.get(className).path + ")");
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
        if (ModuleLayer.boot().findModule("jdk.compiler").isEmpty()) {
            throw new IllegalStateException("no Java compiler in this runtime; run the grader on a JDK, not a JRE");
        }
        List<String> options = List.of(
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
                api.compileClasspath());
        List<CompilerPool.Source> sources =
                files.stream().map(f -> new CompilerPool.Source(f.path, f.text)).toList();
        CompilerPool.Result result = compilers.compile(options, sources, limits.compileTime());
        if (result instanceof CompilerPool.Compiled compiled) {
            return new Compiled(compiled.classes(), List.copyOf(notes));
        }
        if (result instanceof CompilerPool.Errors errors) {
            return new Failed(render(errors.diagnostics(), files));
        }
        if (result instanceof CompilerPool.Crashed crashed) {
            return new Failed("the compiler crashed: " + crashed.why());
        }
        return new Failed("compiling took longer than " + limits.compileTime().toSeconds() + " s and was stopped");
    }

    private static String render(List<CompilerPool.Diagnostic> diagnostics, List<SourceFile> files) {
        Map<String, SourceFile> byPath = new LinkedHashMap<>();
        files.forEach(f -> byPath.put(f.path, f));
        StringBuilder out = new StringBuilder();
        int shown = 0;
        int errors = 0;
        for (CompilerPool.Diagnostic d : diagnostics) {
            if (!"ERROR".equals(d.kind())) {
                continue;
            }
            errors++;
            if (shown++ >= MAX_ERRORS_SHOWN) {
                continue;
            }
            SourceFile source = d.path() == null ? null : byPath.get(d.path());
            out.append(source != null ? source.path : "(compiler)");
            if (d.line() > 0) {
                out.append(':').append(d.line()).append(':').append(d.column());
            }
            out.append(": error: ").append(d.message()).append('\n');
            if (source != null && d.line() > 0) {
                String line = source.line(d.line());
                if (line != null) {
                    out.append("    ").append(line.stripTrailing()).append('\n');
                    if (d.column() > 0) {
                        out.append("    ")
                                .append(" ".repeat((int) Math.max(0, d.column() - 1)))
                                .append("^\n");
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

    /** A source as submitted: the path it is shown under and its text. */
    private static final class SourceFile {
        final String path;
        final String text;

        SourceFile(String path, String text) {
            this.path = path;
            this.text = text;
        }

        String line(long number) {
            String[] lines = text.split("\n", -1);
            return number >= 1 && number <= lines.length ? lines[(int) number - 1].replace("\t", "    ") : null;
        }
    }
}
