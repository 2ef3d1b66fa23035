package kadai.grader.suites.augment;

import ai.djl.ndarray.NDArray;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.SplittableRandom;
import java.util.stream.Collectors;

/**
 * The operations of {@code Augment}: how to draw their parameters for an image of a given size,
 * simpler parameters to shrink toward, which parameters are valid, how to call them and how to
 * write the call in feedback.
 */
enum Operation {
    FLIP_HORIZONTAL("flipHorizontal"),
    FLIP_VERTICAL("flipVertical"),
    SHIFT("shift", "dy", "dx"),
    CROP("crop", "top", "left", "height", "width"),
    CUTOUT("cutout", "top", "left", "height", "width"),
    AFFINE("affine", "matrix2x3"),
    ROTATE("rotate", "degrees"),
    SCALE("scale", "factor"),
    SHEAR("shear", "shearX"),
    BRIGHTNESS("brightness", "delta", "min", "max");

    private final String method;
    private final String[] names;

    Operation(String method, String... names) {
        this.method = method;
        this.names = names;
    }

    String method() {
        return method;
    }

    /** Tell whether the operation samples between pixels (bilinear). */
    boolean geometric() {
        return this == AFFINE || this == ROTATE || this == SCALE || this == SHEAR;
    }

    /** Draw parameters for an h x w image, rounded to two decimals so that feedback stays readable. */
    List<Double> draw(SplittableRandom r, int h, int w) {
        return switch (this) {
            case FLIP_HORIZONTAL, FLIP_VERTICAL -> List.of();
            case SHIFT -> List.of((double) r.nextInt(-h - 1, h + 2), (double) r.nextInt(-w - 1, w + 2));
            case CROP -> {
                int top = r.nextInt(h);
                int left = r.nextInt(w);
                yield List.of((double) top, (double) left, (double) (1 + r.nextInt(h - top)), (double)
                        (1 + r.nextInt(w - left)));
            }
            case CUTOUT ->
                List.of(
                        (double) r.nextInt(-h, h + 1),
                        (double) r.nextInt(-w, w + 1),
                        (double) r.nextInt(h + 2),
                        (double) r.nextInt(w + 2));
            case AFFINE -> affine(r, h, w);
            case ROTATE -> List.of(r.nextInt(4) == 0 ? 45.0 * r.nextInt(-4, 5) : round(r.nextDouble(-180, 180)));
            case SCALE -> List.of(round(Math.exp(r.nextDouble(Math.log(0.3), Math.log(3)))));
            case SHEAR -> List.of(round(r.nextDouble(-1.5, 1.5)));
            case BRIGHTNESS -> {
                double min = round(r.nextDouble(-0.3, 0.3));
                yield List.of(round(r.nextDouble(-0.6, 0.6)), min, round(min + r.nextDouble(0.3, 1.2)));
            }
        };
    }

    private static List<Double> affine(SplittableRandom r, int h, int w) {
        double[] m = new double[6];
        switch (r.nextInt(3)) {
            case 0 -> { // near the identity
                m[0] = 1 + r.nextDouble(-0.3, 0.3);
                m[1] = r.nextDouble(-0.3, 0.3);
                m[3] = r.nextDouble(-0.3, 0.3);
                m[4] = 1 + r.nextDouble(-0.3, 0.3);
            }
            case 1 -> { // a rotation and a zoom about some point
                double t = r.nextDouble(-Math.PI, Math.PI);
                double s = r.nextDouble(0.5, 2);
                m[0] = s * Math.cos(t);
                m[1] = -s * Math.sin(t);
                m[3] = s * Math.sin(t);
                m[4] = s * Math.cos(t);
            }
            default -> {
                for (int i : new int[] {0, 1, 3, 4}) {
                    m[i] = r.nextDouble(-1.5, 1.5);
                }
            }
        }
        m[2] = r.nextDouble(-w / 2.0, w / 2.0 + 1);
        m[5] = r.nextDouble(-h / 2.0, h / 2.0 + 1);
        List<Double> out = new ArrayList<>();
        for (double v : m) {
            out.add(round(v));
        }
        return out;
    }

    static double round(double v) {
        return Math.round(v * 100) / 100.0;
    }

    /** Return simpler parameters, most aggressive first (the case's shrinking keeps those that still fail). */
    List<List<Double>> simpler(List<Double> p) {
        List<List<Double>> out = new ArrayList<>();
        switch (this) {
            case SHIFT -> {
                out.add(List.of(p.get(0), 0.0));
                out.add(List.of(0.0, p.get(1)));
                out.add(List.of(toward0(p.get(0)), p.get(1)));
                out.add(List.of(p.get(0), toward0(p.get(1))));
            }
            case CROP, CUTOUT -> {
                for (int i = 0; i < 4; i++) {
                    List<Double> q = new ArrayList<>(p);
                    q.set(i, toward0(p.get(i)));
                    out.add(q);
                }
            }
            case AFFINE -> {
                List<Double> identity = List.of(1.0, 0.0, 0.0, 0.0, 1.0, 0.0);
                for (int i = 0; i < 6; i++) {
                    List<Double> q = new ArrayList<>(p);
                    q.set(i, identity.get(i));
                    out.add(q);
                }
                for (int i = 0; i < 6; i++) {
                    List<Double> q = new ArrayList<>(p);
                    q.set(i, Math.round(p.get(i) * 2) / 2.0);
                    out.add(q);
                }
            }
            case ROTATE -> {
                out.add(List.of(90.0));
                out.add(List.of(45.0));
                out.add(List.of(-45.0));
                out.add(List.of((double) Math.round(p.get(0))));
                out.add(List.of((double) Math.round(p.get(0) / 15) * 15));
            }
            case SCALE -> {
                out.add(List.of(2.0));
                out.add(List.of(0.5));
                out.add(List.of(Math.round(p.get(0) * 2) / 2.0));
                out.add(List.of(Math.round(p.get(0) * 10) / 10.0));
            }
            case SHEAR -> {
                out.add(List.of(1.0));
                out.add(List.of(0.5));
                out.add(List.of(-0.5));
                out.add(List.of(Math.round(p.get(0) * 10) / 10.0));
            }
            case BRIGHTNESS -> {
                out.add(List.of(p.get(0), 0.0, 1.0));
                out.add(List.of(Math.round(p.get(0) * 10) / 10.0, p.get(1), p.get(2)));
            }
            default -> {}
        }
        out.removeIf(q -> q.equals(p));
        return out;
    }

    private static double toward0(double v) {
        return v > 0 ? v - 1 : v < 0 ? v + 1 : 0;
    }

    /** Tell whether the parameters are a valid call on an h x w image (only a crop window can leave the image). */
    boolean valid(List<Double> p, int h, int w) {
        return switch (this) {
            case CROP ->
                p.get(0) >= 0
                        && p.get(1) >= 0
                        && p.get(2) >= 1
                        && p.get(3) >= 1
                        && p.get(0) + p.get(2) <= h
                        && p.get(1) + p.get(3) <= w;
            case CUTOUT -> p.get(2) >= 0 && p.get(3) >= 0;
            case SCALE -> p.get(0) > 0;
            case BRIGHTNESS -> p.get(1) <= p.get(2);
            default -> true;
        };
    }

    /** Call the operation on {@code api} with {@code x} as given (pass a copy where the input must stay intact). */
    NDArray call(AugmentApi api, NDArray x, List<Double> p) {
        return switch (this) {
            case FLIP_HORIZONTAL -> api.flipHorizontal(x);
            case FLIP_VERTICAL -> api.flipVertical(x);
            case SHIFT -> api.shift(x, i(p, 0), i(p, 1));
            case CROP -> api.crop(x, i(p, 0), i(p, 1), i(p, 2), i(p, 3));
            case CUTOUT -> api.cutout(x, i(p, 0), i(p, 1), i(p, 2), i(p, 3));
            case AFFINE ->
                api.affine(x, p.stream().mapToDouble(Double::doubleValue).toArray());
            case ROTATE -> api.rotate(x, p.get(0));
            case SCALE -> api.scale(x, p.get(0));
            case SHEAR -> api.shear(x, p.get(0));
            case BRIGHTNESS -> api.brightness(x, p.get(0), p.get(1), p.get(2));
        };
    }

    private static int i(List<Double> p, int index) {
        return (int) Math.round(p.get(index));
    }

    /** Write the call, e.g. {@code rotate(x, degrees=30.5)}. */
    String render(List<Double> p) {
        if (this == AFFINE) {
            return method + "(x, matrix2x3={"
                    + p.stream().map(Operation::number).collect(Collectors.joining(", ")) + "})";
        }
        StringBuilder out = new StringBuilder(method).append("(x");
        for (int k = 0; k < names.length; k++) {
            out.append(", ").append(names[k]).append('=').append(number(p.get(k)));
        }
        return out.append(')').toString();
    }

    static String number(double v) {
        return v == Math.rint(v) && Math.abs(v) < 1e9 ? Long.toString((long) v) : String.format(Locale.ROOT, "%s", v);
    }
}
