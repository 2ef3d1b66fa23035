package kadai.assignments.resnet;

import ai.djl.ndarray.NDArray;
import kadai.assignments.Layer;

import java.util.concurrent.atomic.AtomicReference;

/** Red-team fixture: calls the grader's layer from a thread of its own. */
public class BasicBlock implements Layer {

    private final Layer conv1;
    private final Layer conv2;

    public BasicBlock(Layer conv1, Layer conv2, Layer shortcut) {
        this.conv1 = conv1;
        this.conv2 = conv2;
    }

    @Override
    public NDArray forward(NDArray x) {
        AtomicReference<RuntimeException> failure = new AtomicReference<>();
        AtomicReference<NDArray> result = new AtomicReference<>();
        Thread thief = new Thread(() -> {
            try {
                result.set(conv1.forward(x));
            } catch (RuntimeException e) {
                failure.set(e);
            }
        });
        thief.start();
        try {
            thief.join();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        if (failure.get() != null) {
            throw failure.get();
        }
        return result.get();
    }

    @Override
    public NDArray backward(NDArray dout) {
        return conv2.backward(conv1.backward(dout));
    }
}
