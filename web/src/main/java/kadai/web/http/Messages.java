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

    /** Tell whether {@code key} has a text (optional texts, such as a training-run metric's explanation). */
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
