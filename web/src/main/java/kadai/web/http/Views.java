package kadai.web.http;

import gg.jte.ContentType;
import gg.jte.TemplateEngine;
import gg.jte.output.StringOutput;
import io.javalin.http.Context;
import java.util.LinkedHashMap;
import java.util.Map;

/** Render the precompiled jte templates ({@code src/main/jte}) into responses. */
public final class Views {

    private final TemplateEngine engine = TemplateEngine.createPrecompiled(ContentType.Html);
    private final Messages messages;
    private final CourseTime time;

    public Views(Messages messages, CourseTime time) {
        this.messages = messages;
        this.time = time;
    }

    public CourseTime time() {
        return time;
    }

    public Messages messages() {
        return messages;
    }

    /** Build the page model of the current request. */
    public Page page(Context ctx) {
        Viewer viewer = Web.viewer(ctx);
        String notice = ctx.queryParam("notice");
        return new Page(
                messages,
                Web.language(ctx),
                viewer,
                viewer == null ? Web.loginCsrf(ctx) : viewer.csrfToken(),
                ctx.path(),
                notice == null ? null : messages.text(Web.language(ctx), "notice." + notice),
                time);
    }

    /** Render {@code template} with the page model and the given parameters as HTML. */
    public void render(Context ctx, String template, Object... keyValues) {
        Map<String, Object> params = new LinkedHashMap<>();
        params.put("page", page(ctx));
        for (int i = 0; i < keyValues.length; i += 2) {
            params.put((String) keyValues[i], keyValues[i + 1]);
        }
        StringOutput output = new StringOutput();
        engine.render(template, params, output);
        ctx.html(output.toString());
    }
}
