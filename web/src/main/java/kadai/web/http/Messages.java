package kadai.web.http;

import java.text.MessageFormat;
import java.util.Locale;
import java.util.Map;
import java.util.MissingResourceException;
import java.util.ResourceBundle;

/** Look up the UI's text in English or Japanese ({@code messages_en/ja.properties}). */
public final class Messages {

    public static final String DEFAULT_LANGUAGE = "en";

    private final Map<String, ResourceBundle> bundles;

    public Messages() {
        this.bundles = Map.of(
                "en", ResourceBundle.getBundle("kadai.web.messages", Locale.ENGLISH),
                "ja", ResourceBundle.getBundle("kadai.web.messages", Locale.JAPANESE));
    }

    /** Return {@code language} if the UI speaks it, else English. */
    public static String supported(String language) {
        return "ja".equals(language) ? "ja" : DEFAULT_LANGUAGE;
    }

    /** Return the keys that start with {@code prefix}, sorted (the English bundle's; a test keeps ja in step). */
    public java.util.List<String> keys(String prefix) {
        return bundles.get(DEFAULT_LANGUAGE).keySet().stream().filter(k -> k.startsWith(prefix)).sorted().toList();
    }

    /** Tell whether {@code language} has its own text for {@code key} (not a fallback to the key itself). */
    public boolean has(String language, String key) {
        return bundles.get(supported(language)).containsKey(key);
    }

    /** Return the text for {@code key} in {@code language}, with {@code {0}}-style arguments filled in. */
    public String text(String language, String key, Object... args) {
        ResourceBundle bundle = bundles.get(supported(language));
        String pattern;
        try {
            pattern = bundle.getString(key);
        } catch (MissingResourceException e) {
            return key;
        }
        return args.length == 0 ? pattern : new MessageFormat(pattern, bundle.getLocale()).format(args);
    }
}
