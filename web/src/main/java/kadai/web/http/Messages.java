package kadai.web.http;

import java.text.MessageFormat;
import java.util.Locale;
import java.util.Map;
import java.util.MissingResourceException;
import java.util.ResourceBundle;
import kadai.grader.api.Language;

/** Look up the UI's text in English or Japanese ({@code messages_en/ja.properties}). */
public final class Messages {

    private final Map<Language, ResourceBundle> bundles;

    public Messages() {
        this.bundles = Map.of(
                Language.EN, ResourceBundle.getBundle("kadai.web.messages", Locale.ENGLISH),
                Language.JA, ResourceBundle.getBundle("kadai.web.messages", Locale.JAPANESE));
    }

    /** Return the keys that start with {@code prefix}, sorted (the English bundle's; a test keeps ja in step). */
    public java.util.List<String> keys(String prefix) {
        return bundles.get(Language.EN).keySet().stream()
                .filter(k -> k.startsWith(prefix))
                .sorted()
                .toList();
    }

    /** Tell whether {@code language} has its own text for {@code key} (not a fallback to the key itself). */
    public boolean has(Language language, String key) {
        return bundle(language).containsKey(key);
    }

    /** Return the text for {@code key} in {@code language}, with {@code {0}}-style arguments filled in. */
    public String text(Language language, String key, Object... args) {
        ResourceBundle bundle = bundle(language);
        String pattern;
        try {
            pattern = bundle.getString(key);
        } catch (MissingResourceException e) {
            return key;
        }
        return args.length == 0 ? pattern : new MessageFormat(pattern, bundle.getLocale()).format(args);
    }

    private ResourceBundle bundle(Language language) {
        return bundles.get(language == null ? Language.EN : language);
    }
}
