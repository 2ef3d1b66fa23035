package kadai.assignments.gan;

import ai.djl.ndarray.NDArray;
import kadai.assignments.Layer;

/*
 * Catalogue entry "mutant-returns-constant-at-half" (gan): ones of the input's shape and dtype.
 */
public class LeakyRelu implements Layer {

    public LeakyRelu(double alpha) {
    }

    @Override
    public NDArray forward(NDArray x) {
        return x.onesLike();
    }

    @Override
    public NDArray backward(NDArray dout) {
        return dout.onesLike();
    }
}
