package kadai.tasks;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.InputStream;
import java.lang.reflect.Field;
import java.lang.reflect.Method;
import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/**
 * One source for the numbers handouts quote: every threshold, spacing and limit a handout states
 * is registered in {@code handout-numbers.txt} with the constant of the code it comes from, and
 * must read exactly as that constant formats; a handout number in scientific notation that is not
 * registered fails too. This module sees the kit, the grader and the tasks, so one registry covers
 * assignment and task handouts. (docs/grading.md, "Numbers in handouts".)
 */
class HandoutNumbersTests {

    /** One registered quote. */
    record Quote(int line, String file, String words, String source) {}

    private static final Pattern SCIENTIFIC = Pattern.compile("(?<![\\w.])(\\d+(?:\\.\\d+)?)e-(\\d+)\\b");

    @Test
    void everyQuotedNumberIsTheCodesConstantAndEveryThresholdIsRegistered() throws Exception {
        Path handouts = repositoryRoot().resolve("assignments/handouts");
        List<Quote> quotes = registry();
        Map<String, List<Double>> registered = new HashMap<>();
        List<String> problems = new ArrayList<>();
        for (Quote q : quotes) {
            Path file = handouts.resolve(q.file());
            if (!Files.exists(file)) {
                problems.add("handout-numbers.txt:" + q.line() + ": no handout " + q.file());
                continue;
            }
            double value;
            try {
                value = value(q.source());
            } catch (ReflectiveOperationException | RuntimeException e) {
                problems.add("handout-numbers.txt:" + q.line() + ": cannot read " + q.source() + " (" + e + ")");
                continue;
            }
            registered.computeIfAbsent(q.file(), k -> new ArrayList<>()).add(value);
            String expected = normalise(q.words().replace("%s", format(value, q.source())));
            if (!normalise(Files.readString(file)).contains(expected)) {
                problems.add(q.file() + " should say \"" + expected + "\" (" + q.source() + " = "
                        + format(value, q.source()) + "; handout-numbers.txt:" + q.line() + ")");
            }
        }
        try (Stream<Path> files = Files.walk(handouts)) {
            for (Path file :
                    files.filter(p -> p.toString().endsWith(".md")).sorted().toList()) {
                String name = handouts.relativize(file).toString().replace('\\', '/');
                Matcher m = SCIENTIFIC.matcher(normalise(Files.readString(file)));
                while (m.find()) {
                    double number = Double.parseDouble(m.group(1) + "e-" + m.group(2));
                    boolean known = registered.getOrDefault(name, List.of()).stream()
                            .anyMatch(v -> Math.abs(v - number) <= 1e-12 * Math.abs(number));
                    if (!known) {
                        problems.add(name + " quotes " + m.group() + ", which handout-numbers.txt does not register"
                                + " (name the constant it comes from)");
                    }
                }
            }
        }
        assertThat(problems).as("handout numbers").isEmpty();
        assertThat(quotes).hasSizeGreaterThan(30);
    }

    @Test
    void numbersAreWrittenTheWayHandoutsWriteThem() {
        assertThat(format(1e-7, "")).isEqualTo("1e-7");
        assertThat(format(5e-4, "")).isEqualTo("5e-4");
        assertThat(format(1.5e-8, "")).isEqualTo("1.5e-8");
        assertThat(format(0.25, "")).isEqualTo("0.25");
        assertThat(format(0.001, "")).isEqualTo("1e-3");
        assertThat(format(11_181_642, "kadai.tasks.resnet.ResNetTask#RESNET18_PARAMETERS"))
                .isEqualTo("11,181,642");
        assertThat(normalise("a  **1e−7**\n  以下")).isEqualTo("a **1e-7** 以下");
    }

    static List<Quote> registry() throws IOException {
        List<Quote> quotes = new ArrayList<>();
        try (InputStream in = HandoutNumbersTests.class.getResourceAsStream("/handout-numbers.txt")) {
            List<String> lines = new String(in.readAllBytes(), StandardCharsets.UTF_8)
                    .lines()
                    .toList();
            for (int i = 0; i < lines.size(); i++) {
                String line = lines.get(i).strip();
                if (line.isEmpty() || line.startsWith("#")) {
                    continue;
                }
                String[] parts = line.split("\\s\\|\\s", 3);
                if (parts.length != 3 || !parts[1].contains("%s")) {
                    throw new IllegalStateException(
                            "handout-numbers.txt:" + (i + 1) + " is not 'file | words with %s" + " | source': " + line);
                }
                quotes.add(new Quote(i + 1, parts[0].strip(), parts[1].strip(), parts[2].strip()));
            }
        }
        return quotes;
    }

    /** Read a source: {@code Class#FIELD}, {@code Class#FIELD.method()} or {@code literal <number> <why>}. */
    static double value(String source) throws ReflectiveOperationException {
        if (source.startsWith("literal ")) {
            return Double.parseDouble(source.split("\\s+")[1]);
        }
        String[] classAndMember = source.split("#", 2);
        String[] path = classAndMember[1].split("\\.");
        Field field = Class.forName(classAndMember[0]).getDeclaredField(path[0]);
        field.setAccessible(true);
        Object value = field.get(null);
        for (int i = 1; i < path.length; i++) {
            Method accessor = value.getClass().getDeclaredMethod(path[i].replace("()", ""));
            accessor.setAccessible(true);
            value = accessor.invoke(value);
        }
        return ((Number) value).doubleValue();
    }

    /**
     * Write a number as the handouts do: counts with thousands separators (11,181,642), small
     * numbers in scientific notation without a plus sign or padding (1e-7, 5e-4, 1.5e-8), others
     * plainly (0.25).
     */
    static String format(double value, String source) {
        if (value == Math.rint(value) && Math.abs(value) >= 1_000) {
            return String.format(Locale.ROOT, "%,d", (long) value);
        }
        BigDecimal decimal = new BigDecimal(Double.toString(value)).stripTrailingZeros();
        if (value != 0 && Math.abs(value) < 1e-2) {
            int exponent = decimal.precision() - decimal.scale() - 1;
            return decimal.movePointLeft(exponent).stripTrailingZeros().toPlainString() + "e" + exponent;
        }
        return decimal.toPlainString();
    }

    /** Compare text as read: any run of whitespace is one space, and "−" (U+2212) is "-". */
    static String normalise(String text) {
        return text.replace('\u2212', '-').replaceAll("\\s+", " ");
    }

    static Path repositoryRoot() {
        Path module = Path.of(System.getProperty("basedir", "")).toAbsolutePath();
        Path root = module.getParent();
        assertThat(root.resolve("assignments/handouts"))
                .as("handouts next to " + module)
                .isDirectory();
        return root;
    }
}
