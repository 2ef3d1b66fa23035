package kadai.runner;

import java.io.ByteArrayOutputStream;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;

/** Keep the first bytes a student prints, up to a cap, and count the rest. */
final class CapturedOutput extends OutputStream {

    private final int cap;
    private final ByteArrayOutputStream kept = new ByteArrayOutputStream();
    private long dropped;

    CapturedOutput(int cap) {
        this.cap = cap;
    }

    @Override
    public synchronized void write(int b) {
        if (kept.size() < cap) {
            kept.write(b);
        } else {
            dropped++;
        }
    }

    @Override
    public synchronized void write(byte[] b, int off, int len) {
        int room = Math.max(0, Math.min(len, cap - kept.size()));
        kept.write(b, off, room);
        dropped += len - room;
    }

    /** Return what was kept since the last call, with a note of what was dropped, and start over. */
    synchronized String take() {
        String text = kept.toString(StandardCharsets.UTF_8);
        if (dropped > 0) {
            text += "\n[" + dropped + " more bytes dropped: output is capped at " + cap + " bytes]\n";
        }
        kept.reset();
        dropped = 0;
        return text;
    }
}
