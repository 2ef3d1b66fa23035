package kadai.reference.segment;

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
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Read the golden cases that {@code golden/segment/generate.py} wrote with PyTorch: blocks of
 * {@code case <kind> <name>}, {@code <key> <dims...> : <values...>} lines and {@code end}.
 */
final class TorchGolden {

    private static final String RESOURCE = "/golden/segment/cases.txt";

    /** One case: its kind ({@code maxpool}, {@code unpool}, {@code xent}), name, integer settings and arrays. */
    record Case(
            String kind,
            String name,
            Map<String, Integer> settings,
            Map<String, long[]> shapes,
            Map<String, double[]> values) {

        NDArray array(NDManager manager, String key) {
            double[] v = values.get(key);
            if (v == null) {
                throw new IllegalArgumentException("golden case " + name + " has no array " + key);
            }
            return manager.create(v, new Shape(shapes.get(key)));
        }

        int setting(String key) {
            return settings.get(key);
        }

        @Override
        public String toString() {
            return kind + " " + name;
        }
    }

    private TorchGolden() {}

    /** Return the cases of one kind, in file order. */
    static List<Case> cases(String kind) {
        return all().stream().filter(c -> c.kind().equals(kind)).toList();
    }

    private static List<Case> all() {
        List<Case> cases = new ArrayList<>();
        try (InputStream in = TorchGolden.class.getResourceAsStream(RESOURCE)) {
            if (in == null) {
                throw new IllegalStateException(RESOURCE + " is missing; run generate.py beside it");
            }
            BufferedReader reader = new BufferedReader(new InputStreamReader(in, StandardCharsets.UTF_8));
            String line;
            String kind = null;
            String name = null;
            Map<String, Integer> settings = null;
            Map<String, long[]> shapes = null;
            Map<String, double[]> values = null;
            while ((line = reader.readLine()) != null) {
                if (line.isBlank() || line.startsWith("#")) {
                    continue;
                }
                String[] head = line.split(" ", 3);
                if (head[0].equals("case")) {
                    kind = head[1];
                    name = head[2];
                    settings = new LinkedHashMap<>();
                    shapes = new LinkedHashMap<>();
                    values = new LinkedHashMap<>();
                } else if (head[0].equals("end")) {
                    cases.add(new Case(kind, name, settings, shapes, values));
                } else if (!line.contains(" : ")) {
                    settings.put(head[0], Integer.parseInt(head[1]));
                } else {
                    String[] parts = line.split(" : ", 2);
                    String[] dims = parts[0].split(" ");
                    long[] shape = new long[dims.length - 1];
                    for (int i = 1; i < dims.length; i++) {
                        shape[i - 1] = Long.parseLong(dims[i]);
                    }
                    String[] numbers = parts[1].isBlank() ? new String[0] : parts[1].split(" ");
                    double[] v = new double[numbers.length];
                    for (int i = 0; i < v.length; i++) {
                        v[i] = Double.parseDouble(numbers[i]);
                    }
                    shapes.put(dims[0], shape);
                    values.put(dims[0], v);
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return cases;
    }
}
