package kadai.grader.api;

/**
 * The language of a student's feedback. Tags ({@code en}, {@code ja}) are for the edges (a CLI
 * option, an HTTP parameter, a database column, JSON); inside, code compares this enum.
 */
public enum Language {
    EN("en"),
    JA("ja");

    private final String tag;

    Language(String tag) {
        this.tag = tag;
    }

    /** Return the language of {@code tag}: Japanese for {@code ja}, English for null or any other tag. */
    public static Language of(String tag) {
        return JA.tag.equals(tag) ? JA : EN;
    }

    /** Return whether {@code tag} is exactly the tag of one of these languages. */
    public static boolean isTag(String tag) {
        return EN.tag.equals(tag) || JA.tag.equals(tag);
    }

    /** Return the tag: {@code en} or {@code ja}. */
    public String tag() {
        return tag;
    }

    /** Return {@code en} in English, {@code ja} in Japanese. */
    public String pick(String en, String ja) {
        return this == JA ? ja : en;
    }
}
