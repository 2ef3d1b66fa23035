package kadai.grader.sandbox;

import java.io.EOFException;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import kadai.runner.protocol.Frames;
import kadai.runner.protocol.ProtocolException;
import kadai.runner.protocol.TensorExchange;
import kadai.runner.protocol.WireIn;
import kadai.runner.protocol.WireOut;

/**
 * Carry frames to and from one runner: writes on the caller's thread, reads on a daemon thread
 * that checks every frame's length against the cap before reading it.
 *
 * <p>Everything read is untrusted data. The reader stops at the first malformed frame and
 * reports it as {@link Closed}, as it does the end of the stream. It belongs with the isolation
 * because the pool reads each runner's READY through it; the calls that follow are
 * {@code kadai.grader.sandbox.remote}'s.
 */
public final class RunnerChannel {

    /** Why no more frames will come. */
    public record Closed(String reason, boolean protocolError) {}

    private final OutputStream out;
    private final BlockingQueue<Object> inbox = new LinkedBlockingQueue<>(64);
    private final Thread reader;
    private final TensorExchange exchange;
    private volatile Closed closed;

    public RunnerChannel(InputStream in, OutputStream out, int maxFrame, String name) {
        this(in, out, maxFrame, name, null);
    }

    /**
     * @param exchange the file the runner may place large tensors in (null: it may not)
     */
    public RunnerChannel(InputStream in, OutputStream out, int maxFrame, String name, TensorExchange exchange) {
        this.out = out;
        this.exchange = exchange;
        this.reader = new Thread(() -> readLoop(in, maxFrame), "runner-reader-" + name);
        reader.setDaemon(true);
        reader.start();
    }

    private void readLoop(InputStream in, int maxFrame) {
        Closed end;
        try {
            while (true) {
                byte[] payload = Frames.read(in, maxFrame);
                if (payload == null) {
                    end = new Closed("the runner closed its output", false);
                    break;
                }
                inbox.put(new WireIn(payload, exchange));
            }
        } catch (ProtocolException e) {
            end = new Closed(e.getMessage(), true);
        } catch (EOFException e) {
            end = new Closed("the runner's output ended inside a frame (" + e.getMessage() + ")", false);
        } catch (IOException e) {
            end = new Closed("reading from the runner failed: " + e.getMessage(), false);
        } catch (InterruptedException e) {
            end = new Closed("the channel was shut down", false);
        }
        closed = end;
        inbox.offer(end);
    }

    /** Send one frame; false when the runner no longer reads. */
    public boolean send(WireOut frame) {
        try {
            synchronized (out) {
                Frames.write(out, frame.buffer(), frame.size());
            }
            return true;
        } catch (IOException e) {
            return false;
        }
    }

    /**
     * Wait for the next frame.
     *
     * @return a {@link WireIn}, a {@link Closed}, or null when {@code timeoutNanos} passed first
     */
    public Object next(long timeoutNanos) throws InterruptedException {
        Object item = inbox.poll(Math.max(0, timeoutNanos), TimeUnit.NANOSECONDS);
        if (item instanceof Closed c) {
            inbox.offer(c); // every later wait sees the end too
        }
        return item;
    }

    /** Start a frame to the runner; large tensors in it go through the exchange file when there is one. */
    public WireOut frame(byte type, long requestId) {
        return WireOut.frame(type, requestId).sharing(exchange);
    }

    public Closed closed() {
        return closed;
    }

    public void shutdown() {
        reader.interrupt();
        try {
            out.close();
        } catch (IOException ignored) {
            // the runner is gone already
        }
    }
}
