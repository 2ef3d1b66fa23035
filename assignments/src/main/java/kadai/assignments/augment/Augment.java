package kadai.assignments.augment;

import ai.djl.ndarray.NDArray;

/**
 * Transform a batch of images the ways lecture notes §3.2 lists for data augmentation: shift,
 * scale, cut (crop, cutout), flip, rotate, brightness, shear (assignment {@code augment}).
 *
 * <p><b>Conventions.</b> {@code x} is a DJL {@link NDArray} of shape {@code (N, C, H, W)}; every
 * method returns a <em>new</em> array in the dtype of {@code x} (made with {@code x.getManager()})
 * and applies the same transformation to every image and every channel. A pixel is addressed by
 * its column {@code u} (0 … W−1, to the right) and its row {@code v} (0 … H−1, downwards); pixel
 * centres sit on integer coordinates. An input that is not 4-dimensional is an
 * {@link IllegalArgumentException}. Never modify {@code x}: {@code NDArray.get(...)} returns a
 * view, and in-place operations on it write into the caller's array.
 *
 * <pre>
 *          u = 0   1   2   3          centre (cx, cy) = ((W-1)/2, (H-1)/2) = (1.5, 1)
 *   v = 0    a   b   c   d
 *       1    e   f   g   h            a 3x4 image: rows go down, columns go right
 *       2    i   j   k   l
 * </pre>
 *
 * <p><b>Geometry by inverse mapping.</b> {@link #affine}, {@link #rotate}, {@link #scale} and
 * {@link #shear} compute each output pixel {@code (u, v)} by asking where it comes from: a point
 * {@code (x, y)} of the input, usually between pixel centres. Its value is the bilinear
 * interpolation of the four surrounding pixels, and a pixel outside the image counts as 0:
 *
 * <pre>
 *   x0 = floor(x), y0 = floor(y), a = x - x0, b = y - y0
 *   value = (1-a)(1-b)·P(y0, x0) + a(1-b)·P(y0, x0+1) + (1-a)b·P(y0+1, x0) + ab·P(y0+1, x0+1)
 *   P(row, col) = x[n, c, row, col] inside the image, 0 outside
 * </pre>
 *
 * <p>This is PyTorch's {@code grid_sample(mode="bilinear", padding_mode="zeros",
 * align_corners=False)} with the grid built from pixel coordinates. Rotation, scaling and
 * shearing act about the image centre {@code ((W-1)/2, (H-1)/2)}, the centre of the middle pixel
 * (or of the middle pair), as in torchvision.
 *
 * <p><b>DJL traps.</b> Per-element {@code getDouble}/{@code set} costs about 10 µs of JNI each:
 * copy the input out once with {@code toDoubleArray()} (after {@code toType(FLOAT64, false)} for
 * float32 input), loop in Java, and create the result with
 * {@code manager.create(double[], shape).toType(x.getDataType(), false)}.
 */
public final class Augment {

    private Augment() {
    }

    /**
     * Mirror every image left-right: {@code out[n, c, v, u] = x[n, c, v, W-1-u]}.
     *
     * <pre>{@code
     * jshell> Augment.flipHorizontal(x)      // x (1, 1, 2, 3) = [[1, 2, 3], [4, 5, 6]]
     * ND: (1, 1, 2, 3) cpu() float64
     * [[[[3., 2., 1.], [6., 5., 4.]]]]
     * }</pre>
     */
    public static NDArray flipHorizontal(NDArray x) {
        throw new UnsupportedOperationException("TODO: Augment.flipHorizontal — out[n, c, v, u] = x[n, c, v, W-1-u]");
    }

    /**
     * Turn every image upside down: {@code out[n, c, v, u] = x[n, c, H-1-v, u]}. Lecture notes
     * §3.2 warn: never use it for data that never appear upside down (photos, clothes).
     *
     * <pre>{@code
     * jshell> Augment.flipVertical(x)        // x (1, 1, 2, 3) = [[1, 2, 3], [4, 5, 6]]
     * [[[[4., 5., 6.], [1., 2., 3.]]]]
     * }</pre>
     */
    public static NDArray flipVertical(NDArray x) {
        throw new UnsupportedOperationException("TODO: Augment.flipVertical — out[n, c, v, u] = x[n, c, H-1-v, u]");
    }

    /**
     * Move the content {@code dy} rows down and {@code dx} columns right (negative values move
     * it up / left); uncovered pixels are 0: {@code out[v, u] = x[v-dy, u-dx]}, or 0 where that
     * lies outside. Any integers are allowed; a shift of the whole height or width gives zeros.
     *
     * <pre>{@code
     * jshell> Augment.shift(x, 1, -1)        // x (1, 1, 3, 3) = [[1, 2, 3], [4, 5, 6], [7, 8, 9]]
     * [[[[0., 0., 0.], [2., 3., 0.], [5., 6., 0.]]]]
     * }</pre>
     */
    public static NDArray shift(NDArray x, int dy, int dx) {
        throw new UnsupportedOperationException("TODO: Augment.shift — out[v, u] = x[v-dy, u-dx], 0 where that is outside");
    }

    /**
     * Cut out the window of {@code height} rows from row {@code top} and {@code width} columns
     * from column {@code left}: the result has shape {@code (N, C, height, width)}.
     *
     * <pre>{@code
     * jshell> Augment.crop(x, 1, 0, 2, 2)    // x (1, 1, 3, 3) = [[1, 2, 3], [4, 5, 6], [7, 8, 9]]
     * ND: (1, 1, 2, 2) cpu() float64
     * [[[[4., 5.], [7., 8.]]]]
     * }</pre>
     *
     * @throws IllegalArgumentException unless {@code top >= 0}, {@code left >= 0},
     *         {@code height >= 1}, {@code width >= 1}, {@code top + height <= H} and
     *         {@code left + width <= W} (the window must lie inside the image)
     */
    public static NDArray crop(NDArray x, int top, int left, int height, int width) {
        throw new UnsupportedOperationException("TODO: Augment.crop — copy x[:, :, top:top+height, left:left+width],"
                + " IllegalArgumentException when the window leaves the image");
    }

    /**
     * Erase a rectangle (Cutout): set to 0 the rows {@code top … top+height-1} and columns
     * {@code left … left+width-1}. The rectangle may stick out of the image (top or left
     * negative, or past the far edge): only its part inside the image is erased, as in the
     * Cutout paper, whose square is centred on a random pixel. A rectangle entirely outside
     * changes nothing.
     *
     * <pre>{@code
     * jshell> Augment.cutout(x, -1, 1, 2, 5)  // x (1, 1, 3, 3) = [[1, 2, 3], [4, 5, 6], [7, 8, 9]]
     * [[[[1., 0., 0.], [4., 5., 6.], [7., 8., 9.]]]]   // rows -1..0 and columns 1..5, clipped
     * }</pre>
     *
     * @throws IllegalArgumentException when {@code height} or {@code width} is negative
     */
    public static NDArray cutout(NDArray x, int top, int left, int height, int width) {
        throw new UnsupportedOperationException("TODO: Augment.cutout — zero the rectangle's part inside the image");
    }

    /**
     * Apply a general affine map by inverse mapping, in raw pixel coordinates: output pixel
     * {@code (u, v)} takes the bilinear value of the input at
     *
     * <pre>
     *   x = m[0]·u + m[1]·v + m[2]        matrix2x3 = {m[0], m[1], m[2],
     *   y = m[3]·u + m[4]·v + m[5]                     m[3], m[4], m[5]}   (row-major 2x3)
     * </pre>
     *
     * <p>so {@code {1, 0, 0, 0, 1, 0}} is the identity and {@code {1, 0, -2, 0, 1, -1}} equals
     * {@code shift(x, 1, 2)}. The matrix maps <em>output to input</em>: to move content by
     * {@code +t}, sample at {@code -t}.
     *
     * <pre>{@code
     * jshell> Augment.affine(x, new double[] {0.5, 0, 0, 0, 1, 0})   // x (1, 1, 1, 3) = [[0, 2, 4]]
     * [[[[0., 1., 2.]]]]                     // out(u) = x at u/2: stretched 2x to the right
     * }</pre>
     *
     * @throws IllegalArgumentException unless {@code matrix2x3} has 6 finite entries
     */
    public static NDArray affine(NDArray x, double[] matrix2x3) {
        throw new UnsupportedOperationException("TODO: Augment.affine — output (u, v) = bilinear value of x at"
                + " (m0·u + m1·v + m2, m3·u + m4·v + m5), 0 outside");
    }

    /**
     * Rotate every image by {@code degrees} <em>counter-clockwise as seen on the screen</em>
     * (as torchvision's {@code rotate}) about the centre {@code (cx, cy)}, by inverse mapping:
     * with {@code θ} in radians, {@code du = u - cx}, {@code dv = v - cy},
     *
     * <pre>
     *   x = cx + cos θ · du − sin θ · dv
     *   y = cy + sin θ · du + cos θ · dv        (remember: v grows downwards)
     * </pre>
     *
     * <p>For a square image, 90° moves the top row to the left column (read bottom-up): the
     * result is the transpose of the left-right mirror, up to rounding of {@code cos 90°}.
     *
     * <pre>{@code
     * jshell> Augment.rotate(x, 90)          // x (1, 1, 3, 3) = [[1, 2, 3], [4, 5, 6], [7, 8, 9]]
     * [[[[3., 6., 9.], [2., 5., 8.], [1., 4., 7.]]]]
     * jshell> Augment.rotate(ones, 45)       // ones (1, 1, 3, 3): the corners sample partly outside
     * [[[[0.5858, 1., 0.5858], [1., 1., 1.], [0.5858, 1., 0.5858]]]]
     * }</pre>
     *
     * @throws IllegalArgumentException when {@code degrees} is not finite
     */
    public static NDArray rotate(NDArray x, double degrees) {
        throw new UnsupportedOperationException("TODO: Augment.rotate — output (u, v) samples (cx + cos·du − sin·dv,"
                + " cy + sin·du + cos·dv), counter-clockwise on screen");
    }

    /**
     * Zoom every image by {@code factor} about the centre ({@code > 1} zooms in, {@code < 1}
     * zooms out and leaves a 0 border): output {@code (u, v)} samples
     * {@code (cx + (u - cx) / factor, cy + (v - cy) / factor)}.
     *
     * <pre>{@code
     * jshell> Augment.scale(x, 2)            // x (1, 1, 2, 2) = [[0, 1], [2, 3]], centre (0.5, 0.5)
     * [[[[0.75, 1.25], [1.75, 2.25]]]]      // samples at 0.25 and 0.75: between the pixels
     * }</pre>
     *
     * @throws IllegalArgumentException unless {@code factor} is finite and {@code > 0}
     */
    public static NDArray scale(NDArray x, double factor) {
        throw new UnsupportedOperationException("TODO: Augment.scale — output (u, v) samples (cx + (u-cx)/factor,"
                + " cy + (v-cy)/factor)");
    }

    /**
     * Shear every image horizontally (a linear map, lecture notes §3.2 "剪断"): output
     * {@code (u, v)} samples {@code (u + shearX · (v - cy), v)}, so each row slides sideways in
     * proportion to its distance from the centre row, which stays put.
     *
     * <pre>{@code
     * jshell> Augment.shear(x, 1)            // x (1, 1, 3, 3) = [[1, 2, 3], [4, 5, 6], [7, 8, 9]], cy = 1
     * [[[[0., 1., 2.], [4., 5., 6.], [8., 9., 0.]]]]   // row 0 samples u-1, row 2 samples u+1
     * }</pre>
     *
     * @throws IllegalArgumentException when {@code shearX} is not finite
     */
    public static NDArray shear(NDArray x, double shearX) {
        throw new UnsupportedOperationException("TODO: Augment.shear — output (u, v) samples (u + shearX·(v - cy), v)");
    }

    /**
     * Brighten (or darken, {@code delta < 0}) every pixel: add {@code delta}, then clamp to
     * {@code [min, max]}, the range of valid pixel values (every result pixel is clamped, also
     * one that was outside the range before).
     *
     * <pre>{@code
     * jshell> Augment.brightness(x, 0.3, 0, 1)   // x (1, 1, 1, 3) = [[0.1, 0.5, 0.9]]
     * [[[[0.4, 0.8, 1.]]]]
     * }</pre>
     *
     * @throws IllegalArgumentException when a number is not finite or {@code min > max}
     */
    public static NDArray brightness(NDArray x, double delta, double min, double max) {
        throw new UnsupportedOperationException("TODO: Augment.brightness — clamp(x + delta, min, max)");
    }
}
