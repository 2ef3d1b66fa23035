package kadai.web.testing;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.CookieManager;
import java.net.CookiePolicy;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;

/** Talk to a test server like a browser (cookies, forms, CSRF) or like the CLI (bearer token). */
public final class Client {

    private static final Pattern CSRF = Pattern.compile("name=\"_csrf\" value=\"([^\"]+)\"");

    /** A file part of a multipart upload. */
    public record Part(String filename, byte[] content) {
        public static Part text(String filename, String content) {
            return new Part(filename, content.getBytes(StandardCharsets.UTF_8));
        }
    }

    private final String base;
    private final HttpClient http;
    private String bearer;
    private String csrf;

    /** Return a client for any Kadai server URL. */
    public static Client forUrl(String base) {
        return new Client(base);
    }

    Client(String base) {
        this.base = base;
        this.http = HttpClient.newBuilder()
                .cookieHandler(new CookieManager(null, CookiePolicy.ACCEPT_ALL))
                .followRedirects(HttpClient.Redirect.NEVER)
                .connectTimeout(Duration.ofSeconds(5))
                .build();
    }

    public Client withToken(String token) {
        this.bearer = token;
        return this;
    }

    public String csrf() {
        return csrf;
    }

    /** Log in through the form; return the login response (302 on success). */
    public HttpResponse<String> login(String username, String password) {
        HttpResponse<String> page = get("/login");
        return postForm("/login", Map.of("username", username, "password", password, "_csrf", csrfOf(page.body())));
    }

    /** Log in and remember the session's CSRF token from the assignments page. */
    public Client loggedIn(String username, String password) {
        HttpResponse<String> r = login(username, password);
        if (r.statusCode() != 302) {
            throw new IllegalStateException("login of " + username + " failed: " + r.statusCode());
        }
        this.csrf = csrfOf(get("/assignments").body());
        return this;
    }

    /** Remember the session's CSRF token from the form on {@code path} (for a page other than the assignments). */
    public Client csrfFrom(String path) {
        this.csrf = csrfOf(get(path).body());
        return this;
    }

    public static String csrfOf(String html) {
        Matcher m = CSRF.matcher(html);
        if (!m.find()) {
            throw new IllegalStateException("no CSRF field in page");
        }
        return m.group(1);
    }

    public HttpResponse<String> get(String path) {
        return send(request(path).GET().build());
    }

    public HttpResponse<byte[]> getBytes(String path) {
        try {
            return http.send(request(path).GET().build(), HttpResponse.BodyHandlers.ofByteArray());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    public HttpResponse<String> postForm(String path, Map<String, String> form) {
        String body = form.entrySet().stream()
                .map(e -> URLEncoder.encode(e.getKey(), StandardCharsets.UTF_8) + "="
                        + URLEncoder.encode(e.getValue(), StandardCharsets.UTF_8))
                .collect(Collectors.joining("&"));
        return send(request(path)
                .header("Content-Type", "application/x-www-form-urlencoded")
                .POST(HttpRequest.BodyPublishers.ofString(body))
                .build());
    }

    /** Post a form with this session's CSRF token added. */
    public HttpResponse<String> postFormWithCsrf(String path, Map<String, String> form) {
        Map<String, String> all = new LinkedHashMap<>(form);
        all.put("_csrf", csrf);
        return postForm(path, all);
    }

    /** Post JSON; a logged-in browser session sends its CSRF token in the header, as kadai.js would. */
    public HttpResponse<String> postJson(String path, String json) {
        HttpRequest.Builder b = request(path).header("Content-Type", "application/json");
        if (csrf != null) {
            b.header("X-CSRF-Token", csrf);
        }
        return send(b.POST(HttpRequest.BodyPublishers.ofString(json)).build());
    }

    /** Upload files as multipart "files" parts, with extra form fields; headers are name/value pairs. */
    public HttpResponse<String> upload(String path, List<Part> parts, Map<String, String> fields, String... headers) {
        return upload(path, "files", parts, fields, headers);
    }

    /** Upload files as multipart parts named {@code partName}, with extra form fields. */
    public HttpResponse<String> upload(
            String path, String partName, List<Part> parts, Map<String, String> fields, String... headers) {
        String boundary = "----kadaitest" + System.nanoTime();
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        try {
            for (Map.Entry<String, String> f : fields.entrySet()) {
                out.write(("--" + boundary + "\r\nContent-Disposition: form-data; name=\"" + f.getKey() + "\"\r\n\r\n"
                                + f.getValue() + "\r\n")
                        .getBytes(StandardCharsets.UTF_8));
            }
            for (Part p : parts) {
                out.write(
                        ("--" + boundary + "\r\nContent-Disposition: form-data; name=\"" + partName + "\"; filename=\""
                                        + p.filename() + "\"\r\nContent-Type: application/octet-stream\r\n\r\n")
                                .getBytes(StandardCharsets.UTF_8));
                out.write(p.content());
                out.write("\r\n".getBytes(StandardCharsets.UTF_8));
            }
            out.write(("--" + boundary + "--\r\n").getBytes(StandardCharsets.UTF_8));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        HttpRequest.Builder b = request(path)
                .header("Content-Type", "multipart/form-data; boundary=" + boundary)
                .POST(HttpRequest.BodyPublishers.ofByteArray(out.toByteArray()));
        for (int i = 0; i < headers.length; i += 2) {
            b.header(headers[i], headers[i + 1]);
        }
        return send(b.build());
    }

    /** Upload through the API with the bearer token. */
    public HttpResponse<String> submitApi(String assignment, Part... parts) {
        return upload("/api/assignments/" + assignment + "/submissions", List.of(parts), Map.of());
    }

    public HttpRequest.Builder request(String path) {
        HttpRequest.Builder b = HttpRequest.newBuilder(URI.create(base + path)).timeout(Duration.ofSeconds(30));
        if (bearer != null) {
            b.header("Authorization", "Bearer " + bearer);
        }
        return b;
    }

    public HttpResponse<String> send(HttpRequest request) {
        try {
            return http.send(request, HttpResponse.BodyHandlers.ofString());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    /** Poll a submission's status until it is graded (or failed); return the last JSON body. */
    public String awaitGraded(long id, Duration timeout) {
        long end = System.nanoTime() + timeout.toNanos();
        String body = "";
        while (System.nanoTime() < end) {
            body = get("/api/submissions/" + id).body();
            if (body.contains("\"GRADED\"") || body.contains("\"FAILED\"")) {
                return body;
            }
            try {
                Thread.sleep(100);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                break;
            }
        }
        throw new AssertionError("submission " + id + " not graded in " + timeout + "; last status " + body);
    }

    public static List<String> lines(String text) {
        return new ArrayList<>(text.lines().toList());
    }
}
