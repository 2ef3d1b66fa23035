package kadai.web.assignment;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Optional;
import kadai.grader.api.Language;
import org.commonmark.Extension;
import org.commonmark.ext.gfm.tables.TablesExtension;
import org.commonmark.parser.Parser;
import org.commonmark.renderer.html.HtmlRenderer;

/**
 * Serve what the build packaged from {@code assignments/}: the handouts (Markdown, English and
 * Japanese) rendered to HTML, and the starter kit zip.
 */
public final class CourseMaterial {

    private static final String ROOT = "/kadai/web/course/";

    private final Parser parser;
    private final HtmlRenderer renderer;

    public CourseMaterial() {
        List<Extension> extensions = List.of(TablesExtension.create());
        this.parser = Parser.builder().extensions(extensions).build();
        this.renderer =
                HtmlRenderer.builder().extensions(extensions).escapeHtml(true).build();
    }

    /**
     * Return the handout of {@code assignmentId} as HTML in {@code asked} (null: English), falling back to
     * the other language when that one is not written yet; empty when neither exists.
     */
    public Optional<String> handoutHtml(String assignmentId, Language asked) {
        Language language = asked == null ? Language.EN : asked;
        String other = (language == Language.JA ? Language.EN : Language.JA).tag();
        return read("handouts/" + assignmentId + "." + language.tag() + ".md")
                .or(() -> read("handouts/" + assignmentId + "." + other + ".md"))
                .map(markdown -> renderer.render(parser.parse(markdown)));
    }

    /** Return the starter kit (the assignments module, buildable alone) as zip bytes. */
    public Optional<byte[]> starterKit() {
        try (InputStream in = CourseMaterial.class.getResourceAsStream(ROOT + "starter-kit.zip")) {
            return in == null ? Optional.empty() : Optional.of(in.readAllBytes());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static Optional<String> read(String name) {
        try (InputStream in = CourseMaterial.class.getResourceAsStream(ROOT + name)) {
            return in == null ? Optional.empty() : Optional.of(new String(in.readAllBytes(), StandardCharsets.UTF_8));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
