package kadai.web.http;

import com.fasterxml.jackson.core.JsonProcessingException;
import io.javalin.config.RoutesConfig;
import io.javalin.http.Context;
import io.javalin.http.HttpResponseException;
import io.javalin.http.HttpStatus;
import io.javalin.http.UnauthorizedResponse;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.Locale;
import java.util.Map;
import org.eclipse.jetty.http.HttpException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Turn every exception a request ends with into its answer, in one place: the HTTP status, a
 * stable error code and a message, as JSON for API clients or as the error page for browsers.
 *
 * <p>Domain exceptions ({@link NotFoundException}, {@link RefusedException}) say what went wrong
 * and carry no status; Javalin's own responses keep theirs; Jetty's multipart and size errors
 * become 413 or 422, and a body that is not the JSON an API expects becomes 400. A client error
 * is logged as one line; only an exception that is none of these (our bug) is a 500 with its
 * stack trace in the log.
 */
public final class ErrorMapper {

    private static final Logger LOG = LoggerFactory.getLogger(ErrorMapper.class);

    /** What a failed request is answered with; {@code ourBug} means a 500 whose trace is logged. */
    public record Problem(int status, String code, String message, boolean ourBug) {}

    private final Views views;

    public ErrorMapper(Views views) {
        this.views = views;
    }

    /** Register the mapping for every exception and for Javalin's "no such route". */
    public void register(RoutesConfig routes) {
        routes.exception(UnauthorizedResponse.class, (e, ctx) -> {
            if (wantsJson(ctx)) {
                respond(ctx, new Problem(401, "unauthorized", e.getMessage(), false), null);
            } else {
                ctx.redirect("/login?next=" + URLEncoder.encode(ctx.path(), StandardCharsets.UTF_8));
            }
        });
        routes.exception(Exception.class, (e, ctx) -> {
            if (e instanceof HttpResponseException r && r.getStatus() >= 300 && r.getStatus() < 400) {
                ctx.status(HttpStatus.forStatus(r.getStatus())); // ctx.redirect in a before-handler: keep its Location
                return;
            }
            respond(ctx, classify(e, isMultipart(ctx)), e);
        });
        routes.error(404, ctx -> {
            if (ctx.result() == null
                    || ctx.result().isEmpty()
                    || ctx.result().equals("Endpoint " + ctx.method().name() + " " + ctx.path() + " not found")) {
                respond(ctx, new Problem(404, "not-found", "There is no page " + ctx.path() + ".", false), null);
            }
        });
    }

    /** Tell whether the client wants errors (and answers) as JSON: API paths, bearer tokens, or Accept. */
    public static boolean wantsJson(Context ctx) {
        String accept = ctx.header("Accept");
        return Web.isApi(ctx)
                || ctx.header("Authorization") != null
                || (accept != null && accept.contains("application/json"));
    }

    /** Return the HTTP status of a refusal's reason. */
    public static int status(RefusedException.Reason reason) {
        return switch (reason) {
            case INVALID -> 400;
            case FORBIDDEN -> 403;
            case CONFLICT -> 409;
            case TOO_LARGE -> 413;
            case UNPROCESSABLE -> 422;
            case LIMIT_REACHED -> 429;
        };
    }

    /** Return the HTTP status of a refusal. */
    public static HttpStatus status(RefusedException e) {
        return HttpStatus.forStatus(status(e.reason()));
    }

    /**
     * Decide how an exception is answered.
     *
     * @param multipart whether the request was a multipart upload (Jetty's 400s there are about its body)
     */
    public static Problem classify(Throwable e, boolean multipart) {
        if (e instanceof NotFoundException) {
            return new Problem(404, "not-found", e.getMessage(), false);
        }
        if (e instanceof RefusedException r) {
            return new Problem(status(r.reason()), r.code(), r.getMessage(), false);
        }
        if (e instanceof HttpResponseException r) {
            return new Problem(r.getStatus(), code(r.getStatus()), r.getMessage(), false);
        }
        JsonProcessingException json = find(e, JsonProcessingException.class);
        if (json != null) {
            return new Problem(
                    400, "bad-json", "The request body is not the JSON this API expects: " + jsonReason(json), false);
        }
        HttpException jetty = find(e, HttpException.class);
        if (jetty != null || (multipart && jettyFailure(e))) {
            return uploadProblem(e, jetty == null ? 400 : jetty.getCode(), multipart);
        }
        return new Problem(500, "internal", "Something went wrong on the server; it has been logged.", true);
    }

    private static Problem uploadProblem(Throwable e, int jettyStatus, boolean multipart) {
        String messages = messages(e);
        if (jettyStatus == 413
                || messages.contains("size exceeded")
                || messages.contains("length exceeded")
                || messages.contains("too large")) {
            return new Problem(
                    413,
                    "too-large",
                    "The request is larger than this server accepts; upload only your"
                            + " .java files (or one zip of them).",
                    false);
        }
        if (messages.contains("too many")) {
            return new Problem(
                    422,
                    "too-many-parts",
                    "The upload has too many parts; upload only the .java files of"
                            + " this assignment (or one zip of them).",
                    false);
        }
        if (multipart) {
            return new Problem(
                    422,
                    "bad-multipart",
                    "The upload could not be read as a multipart form (it is"
                            + " malformed or cut short); send it again from the page or with `java Submit.java`.",
                    false);
        }
        return new Problem(
                jettyStatus >= 400 && jettyStatus < 500 ? jettyStatus : 400,
                code(jettyStatus),
                "The request could not be read.",
                false);
    }

    private static String code(int status) {
        return switch (status) {
            case 400 -> "bad-request";
            case 401 -> "unauthorized";
            case 403 -> "forbidden";
            case 404 -> "not-found";
            case 405 -> "method-not-allowed";
            case 413 -> "too-large";
            default -> "http-" + status;
        };
    }

    /** Jackson's reason without its source excerpt, and without our class names. */
    private static String jsonReason(JsonProcessingException e) {
        String original = e.getOriginalMessage() == null ? "malformed" : e.getOriginalMessage();
        String firstLine = original.lines().findFirst().orElse("malformed");
        return firstLine.replaceAll("`[\\w.$]*\\$(\\w+)`", "$1").replaceAll("`kadai\\.[\\w.$]+`", "object");
    }

    private static boolean jettyFailure(Throwable e) {
        for (Throwable t = e; t != null; t = t.getCause() == t ? null : t.getCause()) {
            String name = t.getClass().getName();
            if (name.startsWith("org.eclipse.jetty.") || name.startsWith("jakarta.servlet.")) {
                return true;
            }
        }
        return false;
    }

    private static <T> T find(Throwable e, Class<T> type) {
        int depth = 0;
        for (Throwable t = e; t != null && depth < 20; t = t.getCause(), depth++) {
            if (type.isInstance(t)) {
                return type.cast(t);
            }
        }
        return null;
    }

    private static String messages(Throwable e) {
        StringBuilder all = new StringBuilder();
        int depth = 0;
        for (Throwable t = e; t != null && depth < 20; t = t.getCause(), depth++) {
            all.append(' ').append(t.getMessage());
        }
        return all.toString().toLowerCase(Locale.ROOT);
    }

    private static boolean isMultipart(Context ctx) {
        String type = ctx.header("Content-Type");
        return type != null && type.toLowerCase(Locale.ROOT).startsWith("multipart/");
    }

    private void respond(Context ctx, Problem problem, Throwable e) {
        if (problem.ourBug()) {
            LOG.error("{} {} -> 500", ctx.method(), ctx.path(), e);
        } else if (problem.status() != 401) {
            LOG.warn(
                    "{} {} -> {} {}: {}{}",
                    ctx.method(),
                    ctx.path(),
                    problem.status(),
                    problem.code(),
                    oneLine(problem.message()),
                    cause(e));
        }
        if (wantsJson(ctx)) {
            ctx.status(HttpStatus.forStatus(problem.status()))
                    .json(Map.of("error", problem.code(), "message", String.valueOf(problem.message())));
        } else {
            ctx.status(HttpStatus.forStatus(problem.status()));
            views.render(ctx, "error.jte", "status", problem.status(), "message", String.valueOf(problem.message()));
        }
    }

    /** Name what a library threw (Jetty, Jackson) for the log line; nothing for our own refusals. */
    private static String cause(Throwable e) {
        if (e == null
                || e instanceof RefusedException
                || e instanceof NotFoundException
                || e instanceof HttpResponseException) {
            return "";
        }
        Throwable root = e;
        for (int depth = 0; root.getCause() != null && root.getCause() != root && depth < 20; depth++) {
            root = root.getCause();
        }
        return " (" + oneLine(root.getClass().getSimpleName() + ": " + root.getMessage()) + ")";
    }

    private static String oneLine(String message) {
        String text = String.valueOf(message).replaceAll("\\s+", " ");
        return text.length() > 300 ? text.substring(0, 300) + "…" : text;
    }
}
