package kadai.reference.pix2pix;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.Shape;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Read {@code golden/pix2pix/cases.txt}, the cases PyTorch computed ({@code generate.py} next to
 * it): one {@code case} line with its parameters, then one array per line,
 * {@code name|shape|values}.
 */
final class TorchGolden {

    /** One case: its name, parameters ({@code lambda}, {@code classes}) and arrays by name. */
    record Case(String name, Map<String, Double> parameters, Map<String, Array> arrays) {

        NDArray array(NDManager m, String key) {
            Array a = arrays.get(key);
            if (a == null) {
                throw new IllegalArgumentException("case " + name + " has no array " + key);
            }
            return m.create(a.values(), new Shape(a.shape()));
        }

        double parameter(String key) {
            return parameters.get(key);
        }

        @Override
        public String toString() {
            return name;
        }
    }

    /** A float64 array as written by the script. */
    record Array(long[] shape, double[] values) {}

    private TorchGolden() {}

    /** Return every case of the file, in order. */
    static List<Case> cases() {
        List<Case> cases = new ArrayList<>();
        try (InputStream in = TorchGolden.class.getResourceAsStream("/golden/pix2pix/cases.txt")) {
            if (in == null) {
                throw new IllegalStateException("golden/pix2pix/cases.txt is not on the test classpath");
            }
            BufferedReader reader = new BufferedReader(new InputStreamReader(in, StandardCharsets.UTF_8));
            Case current = null;
            for (String line = reader.readLine(); line != null; line = reader.readLine()) {
                if (line.isBlank() || line.startsWith("#")) {
                    continue;
                }
                if (line.startsWith("case ")) {
                    String[] words = line.split(" ");
                    Map<String, Double> parameters = new LinkedHashMap<>();
                    for (int i = 2; i < words.length; i++) {
                        String[] kv = words[i].split("=");
                        parameters.put(kv[0], Double.parseDouble(kv[1]));
                    }
                    current = new Case(words[1], parameters, new LinkedHashMap<>());
                    cases.add(current);
                    continue;
                }
                String[] parts = line.split("\\|", -1);
                long[] shape = parts[1].isEmpty()
                        ? new long[0]
                        : Arrays.stream(parts[1].split(","))
                                .mapToLong(Long::parseLong)
                                .toArray();
                double[] values = parts[2].isEmpty()
                        ? new double[0]
                        : Arrays.stream(parts[2].split(" "))
                                .mapToDouble(Double::parseDouble)
                                .toArray();
                current.arrays().put(parts[0], new Array(shape, values));
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return cases;
    }
}
