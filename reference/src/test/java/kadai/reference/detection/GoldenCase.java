package kadai.reference.detection;

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
 * One golden case of {@code torchvision-golden.txt} (written by {@code torchvision_golden.py} beside
 * it): the operation, its parameters and its named arrays, float64 or int64.
 */
record GoldenCase(
        String op, String name, Map<String, String> params, Map<String, long[]> shapes, Map<String, double[]> values) {

    static final String RESOURCE = "/kadai/reference/detection/torchvision-golden.txt";

    /** Read every case of the golden file, in file order. */
    static List<GoldenCase> all() {
        InputStream in = GoldenCase.class.getResourceAsStream(RESOURCE);
        if (in == null) {
            throw new IllegalStateException(RESOURCE + " is missing; run torchvision_golden.py beside it");
        }
        List<GoldenCase> cases = new ArrayList<>();
        try (BufferedReader reader = new BufferedReader(new InputStreamReader(in, StandardCharsets.UTF_8))) {
            GoldenCase current = null;
            for (String line = reader.readLine(); line != null; line = reader.readLine()) {
                if (line.isBlank() || line.startsWith("#")) {
                    continue;
                }
                String[] words = line.trim().split("\\s+");
                if (words[0].equals("case")) {
                    Map<String, String> params = new LinkedHashMap<>();
                    for (int i = 3; i < words.length; i++) {
                        String[] kv = words[i].split("=", 2);
                        params.put(kv[0], kv[1]);
                    }
                    current = new GoldenCase(words[1], words[2], params, new LinkedHashMap<>(), new LinkedHashMap<>());
                } else if (words[0].equals("end")) {
                    cases.add(current);
                    current = null;
                } else {
                    current.read(words);
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return cases;
    }

    private void read(String[] words) {
        int rank = Integer.parseInt(words[2]);
        long[] dims = new long[rank];
        for (int d = 0; d < rank; d++) {
            dims[d] = Long.parseLong(words[3 + d]);
        }
        if (!words[3 + rank].equals(":")) {
            throw new IllegalStateException("malformed golden line for " + words[0] + " in case " + name);
        }
        double[] v = new double[words.length - 4 - rank];
        for (int i = 0; i < v.length; i++) {
            v[i] = Double.parseDouble(words[4 + rank + i]);
        }
        shapes.put(words[0], dims);
        values.put(words[0], v);
    }

    NDArray array(NDManager manager, String field) {
        return manager.create(values(field), new Shape(shapes.get(field)));
    }

    double[] values(String field) {
        double[] v = values.get(field);
        if (v == null) {
            throw new IllegalStateException("golden case " + this + " has no field " + field);
        }
        return v;
    }

    int[] ints(String field) {
        return Arrays.stream(values(field)).mapToInt(d -> (int) d).toArray();
    }

    double param(String key) {
        return Double.parseDouble(params.get(key));
    }

    int intParam(String key) {
        return Integer.parseInt(params.get(key));
    }

    @Override
    public String toString() {
        return op + " " + name + " " + params;
    }
}
