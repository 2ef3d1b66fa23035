package kadai.grader;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

/**
 * What the header comments of a catalogue entry say about it.
 *
 * <ul>
 *   <li>{@code * Loses: testA, testB}: the graded test methods the entry loses. Each must be lost
 *       (fully or a part of it), and <b>no other test may be lost</b>: a mutant's families are the
 *       tests about its bug, and failing anything else is a collateral failure. Several files of an
 *       entry (a conv entry's {@code Convolution.java} and {@code ConvOps.java}) may each have such a
 *       line; the names add up.</li>
 *   <li>{@code * Scores zero.}: the entry must score exactly 0.</li>
 * </ul>
 */
record CatalogueHeader(Set<String> loses, boolean scoresZero) {

    private static final Pattern LOSES = Pattern.compile("\\* Loses: (.*)");

    static CatalogueHeader read(Path entry) throws IOException {
        StringBuilder text = new StringBuilder();
        try (Stream<Path> files = Files.walk(entry)) {
            for (Path f :
                    files.filter(p -> p.toString().endsWith(".java")).sorted().toList()) {
                text.append(Files.readString(f)).append('\n');
            }
        }
        String all = text.toString();
        return new CatalogueHeader(names(LOSES, all), all.contains("* Scores zero."));
    }

    boolean namesLosses() {
        return !loses.isEmpty();
    }

    private static Set<String> names(Pattern line, String text) {
        Set<String> names = new LinkedHashSet<>();
        Matcher m = line.matcher(text);
        while (m.find()) {
            Arrays.stream(m.group(1).split(","))
                    .map(String::strip)
                    .filter(s -> !s.isEmpty())
                    .forEach(names::add);
        }
        return names;
    }

    List<String> unknown(Set<String> testMethods) {
        List<String> unknown = new ArrayList<>();
        loses.stream().filter(n -> !testMethods.contains(n)).forEach(unknown::add);
        return unknown;
    }
}
