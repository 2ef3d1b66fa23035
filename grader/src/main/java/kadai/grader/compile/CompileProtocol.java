package kadai.grader.compile;

import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.EOFException;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The frames between the grader and its compiler process, over the process's stdin and stdout.
 *
 * <pre>
 * request  := i32 MAGIC, i32 nOptions, nOptions × str, i32 nFiles, nFiles × (str path, str text)
 * response := i32 MAGIC, u8 status (0 compiled, 1 errors, 2 crashed), str crash,
 *             i32 nClasses, nClasses × (str binaryName, i32 n, n bytes),
 *             i32 nDiagnostics, nDiagnostics × (str kind, str path or "", i64 line, i64 column, str message)
 * str      := i32 n, n bytes UTF-8
 * ready    := i32 MAGIC (sent once when the compiler is warm)
 * </pre>
 *
 * Sizes are capped before anything is allocated: the compiler process compiles untrusted sources,
 * so its answers are read as untrusted data.
 */
final class CompileProtocol {

    static final int MAGIC = 0x4b434f4d; // "KCOM"
    static final int MAX_STRING = 16 << 20;
    static final int MAX_ITEMS = 100_000;
    static final int MAX_CLASS_BYTES = 64 << 20;

    /** What the compiler answered. */
    enum Status {
        COMPILED,
        ERRORS,
        CRASHED
    }

    /** A compiler's answer. */
    record Response(
            Status status, String crash, Map<String, byte[]> classes, List<CompilerPool.Diagnostic> diagnostics) {}

    private CompileProtocol() {}

    static void writeRequest(DataOutputStream out, List<String> options, List<CompilerPool.Source> sources)
            throws IOException {
        out.writeInt(MAGIC);
        out.writeInt(options.size());
        for (String o : options) {
            writeString(out, o);
        }
        out.writeInt(sources.size());
        for (CompilerPool.Source s : sources) {
            writeString(out, s.path());
            writeString(out, s.text());
        }
        out.flush();
    }

    /** Read a request; null at the end of the stream (the grader closed it: time to exit). */
    static List<Object> readRequest(DataInputStream in) throws IOException {
        int magic;
        try {
            magic = in.readInt();
        } catch (EOFException e) {
            return null;
        }
        expectMagic(magic);
        List<String> options = new ArrayList<>();
        int n = count(in.readInt());
        for (int i = 0; i < n; i++) {
            options.add(readString(in));
        }
        List<CompilerPool.Source> sources = new ArrayList<>();
        n = count(in.readInt());
        for (int i = 0; i < n; i++) {
            sources.add(new CompilerPool.Source(readString(in), readString(in)));
        }
        return List.of(options, sources);
    }

    static void writeResponse(DataOutputStream out, Response r) throws IOException {
        out.writeInt(MAGIC);
        out.writeByte(r.status().ordinal());
        writeString(out, r.crash() == null ? "" : r.crash());
        out.writeInt(r.classes().size());
        for (Map.Entry<String, byte[]> e : r.classes().entrySet()) {
            writeString(out, e.getKey());
            out.writeInt(e.getValue().length);
            out.write(e.getValue());
        }
        out.writeInt(r.diagnostics().size());
        for (CompilerPool.Diagnostic d : r.diagnostics()) {
            writeString(out, d.kind());
            writeString(out, d.path() == null ? "" : d.path());
            out.writeLong(d.line());
            out.writeLong(d.column());
            writeString(out, d.message());
        }
        out.flush();
    }

    static Response readResponse(DataInputStream in) throws IOException {
        expectMagic(in.readInt());
        int status = in.readUnsignedByte();
        if (status >= Status.values().length) {
            throw new IOException("unknown status " + status);
        }
        String crash = readString(in);
        Map<String, byte[]> classes = new LinkedHashMap<>();
        int n = count(in.readInt());
        long total = 0;
        for (int i = 0; i < n; i++) {
            String name = readString(in);
            int size = in.readInt();
            total += size;
            if (size < 0 || total > MAX_CLASS_BYTES) {
                throw new IOException("class files larger than " + MAX_CLASS_BYTES + " bytes");
            }
            byte[] bytes = new byte[size];
            in.readFully(bytes);
            classes.put(name, bytes);
        }
        List<CompilerPool.Diagnostic> diagnostics = new ArrayList<>();
        n = count(in.readInt());
        for (int i = 0; i < n; i++) {
            String kind = readString(in);
            String path = readString(in);
            long line = in.readLong();
            long column = in.readLong();
            diagnostics.add(
                    new CompilerPool.Diagnostic(kind, path.isEmpty() ? null : path, line, column, readString(in)));
        }
        return new Response(Status.values()[status], crash, classes, diagnostics);
    }

    static void writeReady(DataOutputStream out) throws IOException {
        out.writeInt(MAGIC);
        out.flush();
    }

    static void readReady(DataInputStream in) throws IOException {
        expectMagic(in.readInt());
    }

    private static void expectMagic(int magic) throws IOException {
        if (magic != MAGIC) {
            throw new IOException("not a compiler frame (0x" + Integer.toHexString(magic) + ")");
        }
    }

    private static int count(int n) throws IOException {
        if (n < 0 || n > MAX_ITEMS) {
            throw new IOException("bad count " + n);
        }
        return n;
    }

    private static void writeString(DataOutputStream out, String s) throws IOException {
        byte[] bytes = s.getBytes(StandardCharsets.UTF_8);
        out.writeInt(bytes.length);
        out.write(bytes);
    }

    private static String readString(DataInputStream in) throws IOException {
        int n = in.readInt();
        if (n < 0 || n > MAX_STRING) {
            throw new IOException("bad string length " + n);
        }
        byte[] bytes = new byte[n];
        in.readFully(bytes);
        return new String(bytes, StandardCharsets.UTF_8);
    }
}
