package kadai.grader;

import java.util.Map;
import kadai.grader.api.Language;

/**
 * Ask for one submission to be graded.
 *
 * @param assignment assignment id ({@code conv-op}, {@code conv}, {@code pool}, {@code resnet}, {@code gan})
 * @param sources submitted Java sources by relative path ({@code kadai/assignments/conv/ConvOps.java}
 *     or just {@code ConvOps.java}); any subset of the student classes, the rest come from the stubs
 * @param seed seed of every random choice
 * @param language the language of the feedback text (null: English)
 */
public record GradeRequest(String assignment, Map<String, String> sources, long seed, Language language) {

    public GradeRequest {
        sources = Map.copyOf(sources);
        language = language == null ? Language.EN : language;
    }
}
