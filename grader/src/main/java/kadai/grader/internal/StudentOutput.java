package kadai.grader.internal;

import java.io.OutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;

/**
 * Capture what student code prints to {@code System.out} and {@code System.err} when it runs
 * in-process, so that it reaches the student's feedback instead of the grader's own output.
 *
 * <p>The JVM has one {@code System.out}; it is replaced once by a stream that sends the bytes of
 * threads running student code (marked through an inheritable thread-local, so threads the
 * student starts count too) to that implementation's buffer, and everything else to the
 * original stream.
 */
final class StudentOutput {

    /** Most characters kept per implementation between two drains. */
    static final int MAX_CHARS = 4000;

    private static final InheritableThreadLocal<Buffer> CURRENT = new InheritableThreadLocal<>();
    private static boolean installed;

    private StudentOutput() {}

    /** Replace System.out and System.err (once) by streams that route student threads' bytes. */
    static synchronized void install() {
        if (installed) {
            return;
        }
        System.setOut(new PrintStream(new Router(System.out), true, StandardCharsets.UTF_8));
        System.setErr(new PrintStream(new Router(System.err), true, StandardCharsets.UTF_8));
        installed = true;
    }

    /** Mark the current thread (and threads it starts) as printing into {@code buffer}. */
    static void bind(Buffer buffer) {
        CURRENT.set(buffer);
    }

    /** Collect one implementation's output, capped at {@link #MAX_CHARS}. */
    static final class Buffer {
        private final StringBuilder text = new StringBuilder();
        private boolean truncated;

        synchronized void append(byte[] bytes, int off, int len) {
            if (text.length() >= MAX_CHARS) {
                truncated = true;
                return;
            }
            String s = new String(bytes, off, len, StandardCharsets.UTF_8);
            int room = MAX_CHARS - text.length();
            text.append(s, 0, Math.min(room, s.length()));
            truncated |= s.length() > room;
        }

        /** Return what was printed since the last drain and start afresh. */
        synchronized String drain() {
            String out = text.toString() + (truncated ? "\n... (output truncated)" : "");
            text.setLength(0);
            truncated = false;
            return out;
        }
    }

    private static final class Router extends OutputStream {
        private final PrintStream original;

        Router(PrintStream original) {
            this.original = original;
        }

        @Override
        public void write(int b) {
            write(new byte[] {(byte) b}, 0, 1);
        }

        @Override
        public void write(byte[] b, int off, int len) {
            Buffer buffer = CURRENT.get();
            if (buffer != null) {
                buffer.append(b, off, len);
            } else {
                original.write(b, off, len);
            }
        }

        @Override
        public void flush() {
            original.flush();
        }
    }
}
