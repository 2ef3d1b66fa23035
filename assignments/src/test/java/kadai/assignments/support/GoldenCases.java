package kadai.assignments.support;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;

/**
 * Read golden cases written by a PyTorch script (one case = an operation, its parameters, an
 * input and the expected output, all float64): {@code case op p1 p2 ...}, {@code shape N C H W},
 * {@code input v...}, {@code output N C H W}, {@code expected v...}; lines starting with {@code #}
 * are comments.
 */
public final class GoldenCases {

    /**
     * One golden case.
     *
     * @param operation the method, e.g. {@code rotate}
     * @param parameters its arguments after the array, e.g. {@code [30.0]}
     * @param shape the input's shape
     * @param input the input's values, row-major
     * @param outputShape the expected output's shape
     * @param expected the expected output's values, row-major
     */
    public record Case(String operation, double[] parameters, long[] shape, double[] input, long[] outputShape,
                       double[] expected) {

        /** Return parameter {@code i} as an int (shifts, windows). */
        public int intParameter(int i) {
            return (int) parameters[i];
        }

        @Override
        public String toString() {
            return String.format(Locale.ROOT, "%s%s on %s", operation, Arrays.toString(parameters), Arrays.toString(shape));
        }
    }

    private GoldenCases() {
    }

    /** Read the cases of a classpath resource. */
    public static List<Case> read(String resource) {
        InputStream in = GoldenCases.class.getResourceAsStream(resource);
        if (in == null) {
            throw new IllegalStateException("golden cases " + resource + " are not on the classpath");
        }
        List<Case> cases = new ArrayList<>();
        try (BufferedReader reader = new BufferedReader(new InputStreamReader(in, StandardCharsets.UTF_8))) {
            String[] c = null;
            long[] shape = null;
            double[] input = null;
            long[] outputShape = null;
            for (String line = reader.readLine(); line != null; line = reader.readLine()) {
                if (line.isBlank() || line.startsWith("#")) {
                    continue;
                }
                String[] words = line.trim().split("\\s+");
                String[] rest = Arrays.copyOfRange(words, 1, words.length);
                switch (words[0]) {
                    case "case" -> c = rest;
                    case "shape" -> shape = Arrays.stream(rest).mapToLong(Long::parseLong).toArray();
                    case "input" -> input = Arrays.stream(rest).mapToDouble(Double::parseDouble).toArray();
                    case "output" -> outputShape = Arrays.stream(rest).mapToLong(Long::parseLong).toArray();
                    case "expected" -> {
                        double[] parameters = Arrays.stream(Arrays.copyOfRange(c, 1, c.length))
                                .mapToDouble(Double::parseDouble).toArray();
                        cases.add(new Case(c[0], parameters, shape, input, outputShape,
                                Arrays.stream(rest).mapToDouble(Double::parseDouble).toArray()));
                    }
                    default -> throw new IllegalStateException("unexpected line in " + resource + ": " + line);
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return cases;
    }
}
