package kadai.assignments.gan;

import ai.djl.ndarray.NDArray;
import kadai.assignments.Layer;

/*
 * Catalogue entry "mutant-returns-zeros" (gan): zeros of the input's shape and dtype.
 */
public class LeakyRelu implements Layer {

    public LeakyRelu(double alpha) {
    }

    @Override
    public NDArray forward(NDArray x) {
        return x.zerosLike();
    }

    @Override
    public NDArray backward(NDArray dout) {
        return dout.zerosLike();
    }
}
