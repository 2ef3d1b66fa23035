package kadai.grader.compile;

import java.io.BufferedInputStream;
import java.io.BufferedOutputStream;
import java.io.ByteArrayOutputStream;
import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.FileDescriptor;
import java.io.FileOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.io.PrintStream;
import java.io.StringWriter;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import javax.tools.DiagnosticCollector;
import javax.tools.FileObject;
import javax.tools.ForwardingJavaFileManager;
import javax.tools.JavaCompiler;
import javax.tools.JavaFileManager;
import javax.tools.JavaFileObject;
import javax.tools.SimpleJavaFileObject;
import javax.tools.StandardJavaFileManager;
import javax.tools.ToolProvider;

/**
 * The compiler process: reads compile requests from stdin, compiles each in memory with javac
 * and writes the class bytes and diagnostics to stdout ({@link CompileProtocol}), until stdin
 * closes or the grader that started it dies.
 *
 * <p>One javac file manager serves every request, so the class path's jars and the platform's
 * {@code --release} tables are opened once: that is what makes the process "warm". Each request
 * gets its own in-memory outputs, so nothing of one submission is visible to the next.
 * Annotation processing is off ({@code -proc:none} in the options the grader sends), so javac
 * never runs code from the sources it compiles.
 */
public final class CompilerMain {

    private CompilerMain() {}

    public static void main(String[] args) throws IOException {
        DataOutputStream out = new DataOutputStream(new BufferedOutputStream(new FileOutputStream(FileDescriptor.out)));
        System.setOut(new PrintStream(new FileOutputStream(FileDescriptor.err), true, StandardCharsets.UTF_8));
        DataInputStream in = new DataInputStream(new BufferedInputStream(System.in));
        exitWithParent();
        JavaCompiler javac = ToolProvider.getSystemJavaCompiler();
        if (javac == null) {
            System.err.println("no Java compiler in this runtime (a JRE, not a JDK)");
            System.exit(2);
        }
        StandardJavaFileManager files = javac.getStandardFileManager(null, Locale.ROOT, StandardCharsets.UTF_8);
        // Warm up before saying ready: load javac and the --release tables, so that a submission's
        // time limit is not spent on the compiler's own start.
        compile(
                javac,
                files,
                List.of("-proc:none", "--release", "17", "-implicit:none"),
                List.of(new CompilerPool.Source(
                        "Warm.java", "class Warm { java.util.List<String> a = java.util.List.of(); }")));
        CompileProtocol.writeReady(out);
        while (true) {
            List<Object> request = CompileProtocol.readRequest(in);
            if (request == null) {
                return;
            }
            @SuppressWarnings("unchecked")
            List<String> options = (List<String>) request.get(0);
            @SuppressWarnings("unchecked")
            List<CompilerPool.Source> sources = (List<CompilerPool.Source>) request.get(1);
            CompileProtocol.Response response;
            try {
                response = compile(javac, files, options, sources);
            } catch (RuntimeException | Error e) {
                response =
                        new CompileProtocol.Response(CompileProtocol.Status.CRASHED, e.toString(), Map.of(), List.of());
            }
            CompileProtocol.writeResponse(out, response);
        }
    }

    static CompileProtocol.Response compile(
            JavaCompiler javac,
            StandardJavaFileManager files,
            List<String> options,
            List<CompilerPool.Source> sources) {
        List<SourceFile> units = new ArrayList<>();
        for (CompilerPool.Source s : sources) {
            units.add(new SourceFile(s.path(), s.text()));
        }
        DiagnosticCollector<JavaFileObject> collected = new DiagnosticCollector<>();
        MemoryFileManager memory = new MemoryFileManager(files);
        boolean ok = javac.getTask(new StringWriter(), memory, collected, options, null, units)
                .call();
        List<CompilerPool.Diagnostic> diagnostics = new ArrayList<>();
        for (javax.tools.Diagnostic<? extends JavaFileObject> d : collected.getDiagnostics()) {
            String path = d.getSource() instanceof SourceFile f ? f.path : null;
            diagnostics.add(new CompilerPool.Diagnostic(
                    d.getKind().name(), path, d.getLineNumber(), d.getColumnNumber(), d.getMessage(Locale.ROOT)));
        }
        return new CompileProtocol.Response(
                ok ? CompileProtocol.Status.COMPILED : CompileProtocol.Status.ERRORS,
                "",
                ok ? memory.classes : Map.of(),
                diagnostics);
    }

    /** Halt when the grader that started this process is gone (killed with -9, say): never orphaned. */
    private static void exitWithParent() {
        Optional<ProcessHandle> parent = ProcessHandle.current().parent();
        if (parent.isEmpty()) {
            return;
        }
        ProcessHandle grader = parent.get();
        Thread watch = new Thread(
                () -> {
                    while (true) {
                        if (!grader.isAlive()) {
                            Runtime.getRuntime().halt(3);
                        }
                        try {
                            Thread.sleep(1000);
                        } catch (InterruptedException e) {
                            return;
                        }
                    }
                },
                "parent-watch");
        watch.setDaemon(true);
        watch.start();
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
    }

    private static final class MemoryFileManager extends ForwardingJavaFileManager<JavaFileManager> {
        final Map<String, byte[]> classes = new LinkedHashMap<>();

        MemoryFileManager(JavaFileManager delegate) {
            super(delegate);
        }

        @Override
        public JavaFileObject getJavaFileForOutput(
                Location location, String className, JavaFileObject.Kind kind, FileObject sibling) {
            return new SimpleJavaFileObject(
                    URI.create("mem:///" + className.replace('.', '/') + kind.extension), kind) {
                @Override
                public OutputStream openOutputStream() {
                    return new ByteArrayOutputStream() {
                        @Override
                        public void close() {
                            synchronized (classes) {
                                classes.put(className, toByteArray());
                            }
                        }
                    };
                }
            };
        }

        @Override
        public void close() {
            // The standard file manager underneath serves the next request; keep it open.
        }
    }
}
