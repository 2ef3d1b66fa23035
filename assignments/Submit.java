/*
 * Submit your work to the course's Kadai server and print the result (JDK only, no build needed).
 *
 *   java Submit.java --assignment conv
 *
 * Run it in the starter kit's folder (next to pom.xml). A kit downloaded from the course site
 * holds kadai.properties with the server's address and your API token; otherwise give them with
 * --server URL --token TOKEN (or the environment variables KADAI_SERVER, KADAI_TOKEN).
 *
 * It sends the assignment's files from src/main/java (the server says which: the classes of this
 * assignment and of the earlier ones in the same package that it builds on), waits for the
 * grading, prints every test with its feedback and exits 0 at full marks, 1 below, 2 for a bad
 * command line or missing files, 3 when the server refused the files, 4 when the server cannot be
 * reached or the token is not accepted.
 *
 * 提出用のクライアント（JDK だけで動く）。スターターキットのフォルダで
 * java Submit.java --assignment conv と実行する。--lang ja で日本語の表示になる。
 */

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.PrintStream;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Properties;
import java.util.UUID;

public class Submit {

    static final int EXIT_FULL_MARKS = 0;
    static final int EXIT_BELOW_FULL_MARKS = 1;
    static final int EXIT_BAD_COMMAND_LINE = 2;
    static final int EXIT_REFUSED = 3;
    static final int EXIT_UNREACHABLE = 4;

    /** A failure that ends the run with an exit code and a message. */
    static final class Stop extends Exception {
        private static final long serialVersionUID = 1L;
        final int code;

        Stop(int code, String message) {
            super(message);
            this.code = code;
        }
    }

    private final PrintStream out;
    private final Path kit;
    private String server;
    private String token;
    private String assignment;
    private Path json;
    private int timeoutSeconds = 600;
    private boolean japanese = "ja".equals(Locale.getDefault().getLanguage());
    private HttpClient http;

    Submit(PrintStream out, Path kit) {
        this.out = out;
        this.kit = kit;
    }

    public static void main(String[] args) {
        Submit submit = new Submit(System.out, kitFolder(Path.of("").toAbsolutePath()));
        int code;
        try {
            code = submit.run(args);
        } catch (Stop e) {
            (e.code == EXIT_FULL_MARKS ? System.out : System.err).println(e.getMessage());
            code = e.code;
        } catch (InterruptedException e) {
            code = EXIT_UNREACHABLE;
        }
        System.exit(code);
    }

    /** Return the nearest folder (this one or a parent) holding pom.xml or kadai.properties. */
    static Path kitFolder(Path start) {
        for (Path p = start; p != null; p = p.getParent()) {
            if (Files.exists(p.resolve("kadai.properties")) || Files.exists(p.resolve("pom.xml"))) {
                return p;
            }
        }
        return start;
    }

    String t(String en, String ja) {
        return japanese ? ja : en;
    }

    int run(String[] args) throws Stop, InterruptedException {
        readProperties();
        parse(args);
        if (assignment == null) {
            throw new Stop(EXIT_BAD_COMMAND_LINE, usage());
        }
        if (server == null || token == null) {
            throw new Stop(EXIT_BAD_COMMAND_LINE, t(
                    "No server address or API token: download the starter kit again from the course site (it holds"
                            + " kadai.properties), or give --server URL --token TOKEN (token: your Account page).",
                    "サーバーのアドレスか API トークンがありません。授業のサイトからスターターキットをもう一度ダウンロードする"
                            + "（kadai.properties が入っています）か、--server URL --token TOKEN を指定してください"
                            + "（トークンはアカウントのページで作れます）。"));
        }
        server = server.endsWith("/") ? server : server + "/";
        http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(15)).build();

        Map<String, Object> detail = object(get("api/assignments/" + encode(assignment)));
        List<Path> files = files(detail);
        out.println(t("Submitting ", "提出します: ") + assignment + " (" + String.join(", ",
                files.stream().map(f -> kit.relativize(f).toString().replace('\\', '/')).toList()) + ")");
        for (Path file : files) {
            if (read(file).matches("(?s).*UnsupportedOperationException\\(\\s*\"TODO.*")) {
                out.println(t("  note: ", "  注意: ") + file.getFileName() + t(" still has TODO stubs; their tests will fail.",
                        " にはまだ TODO のスタブがあります。そのテストは失敗します。"));
            }
        }
        Map<String, Object> created = object(send("api/assignments/" + encode(assignment) + "/submissions", files));
        long id = ((Number) created.get("id")).longValue();
        out.println(t("Submitted as #", "提出番号 #") + id + t("; waiting for the grading...", "。採点を待っています..."));
        Map<String, Object> status = follow(id);
        Map<String, Object> results = object(get("api/submissions/" + id + "/results"));
        print(results);
        if (json != null) {
            write(json, resultsText);
            out.println(t("Results written to ", "結果を書き出しました: ") + json);
        }
        out.println(t("Details: ", "詳細: ") + server + "submissions/" + id);
        boolean graded = "GRADED".equals(status.get("status"));
        Object score = results.get("score");
        Object max = results.get("max_score");
        boolean full = score instanceof Number s && max instanceof Number m && s.doubleValue() >= m.doubleValue() - 1e-9;
        return graded && full ? EXIT_FULL_MARKS : EXIT_BELOW_FULL_MARKS;
    }

    private String resultsText;

    private void readProperties() throws Stop {
        Path file = kit.resolve("kadai.properties");
        if (Files.exists(file)) {
            Properties p = new Properties();
            try (InputStream in = Files.newInputStream(file)) {
                p.load(in);
            } catch (IOException e) {
                throw new Stop(EXIT_BAD_COMMAND_LINE, "Cannot read " + file + ": " + e.getMessage());
            }
            server = p.getProperty("server");
            token = p.getProperty("token");
        }
        if (System.getenv("KADAI_SERVER") != null && !System.getenv("KADAI_SERVER").isBlank()) {
            server = System.getenv("KADAI_SERVER").trim();
        }
        if (System.getenv("KADAI_TOKEN") != null && !System.getenv("KADAI_TOKEN").isBlank()) {
            token = System.getenv("KADAI_TOKEN").trim();
        }
    }

    private void parse(String[] args) throws Stop {
        for (int i = 0; i < args.length; i++) {
            String arg = args[i];
            String value = null;
            int eq = arg.indexOf('=');
            if (arg.startsWith("--") && eq > 0) {
                value = arg.substring(eq + 1);
                arg = arg.substring(0, eq);
            }
            switch (arg) {
                case "-h", "--help" -> throw new Stop(EXIT_FULL_MARKS, usage());
                case "--server" -> server = value != null ? value : next(args, ++i, arg);
                case "--token" -> token = value != null ? value : next(args, ++i, arg);
                case "--assignment" -> assignment = value != null ? value : next(args, ++i, arg);
                case "--json" -> json = Path.of(value != null ? value : next(args, ++i, arg));
                case "--lang" -> japanese = "ja".equals(value != null ? value : next(args, ++i, arg));
                case "--timeout" -> {
                    String v = value != null ? value : next(args, ++i, arg);
                    try {
                        timeoutSeconds = Integer.parseInt(v);
                    } catch (NumberFormatException e) {
                        throw new Stop(EXIT_BAD_COMMAND_LINE, "--timeout takes seconds, not '" + v + "'");
                    }
                }
                default -> throw new Stop(EXIT_BAD_COMMAND_LINE, t("Unknown option ", "不明なオプション ") + arg
                        + "\n" + usage());
            }
        }
    }

    private static String next(String[] args, int i, String option) throws Stop {
        if (i >= args.length || args[i].startsWith("--")) {
            throw new Stop(EXIT_BAD_COMMAND_LINE, option + " needs a value");
        }
        return args[i];
    }

    private String usage() {
        return t("""
                usage: java Submit.java --assignment ID [--json FILE] [--server URL --token TOKEN] [--lang ja]
                  --assignment  the assignment id: conv-op, conv, pool, resnet, gan, ... (the course site lists them)
                  --json        also write the results (Gradescope's results.json shape) to FILE
                  --server      the course's Kadai address (default: kadai.properties, $KADAI_SERVER)
                  --token       your API token (default: kadai.properties, $KADAI_TOKEN; Account page)
                  --timeout     seconds to wait for the grading (default 600)
                exit: 0 full marks, 1 below full marks, 2 bad command line, 3 refused, 4 server unreachable""", """
                使い方: java Submit.java --assignment ID [--json FILE] [--server URL --token TOKEN] [--lang ja]
                  --assignment  課題の ID: conv-op, conv, pool, resnet, gan など（授業のサイトに一覧があります）
                  --json        結果（Gradescope の results.json の形）を FILE にも書き出す
                  --server      授業の Kadai のアドレス（既定: kadai.properties、$KADAI_SERVER）
                  --token       API トークン（既定: kadai.properties、$KADAI_TOKEN。アカウントのページで作成）
                  --timeout     採点を待つ秒数（既定 600）
                終了コード: 0 満点、1 満点未満、2 コマンドラインの誤り、3 受け付けられなかった、4 サーバーに届かない""");
    }

    /** Return the files the server asks for ("files" of the assignment), which must all exist. */
    private List<Path> files(Map<String, Object> detail) throws Stop {
        List<Path> files = new ArrayList<>();
        List<String> missing = new ArrayList<>();
        Object listed = detail.get("files");
        if (!(listed instanceof List<?> paths) || paths.isEmpty()) {
            throw new Stop(EXIT_REFUSED, "The server did not say which files assignment " + assignment + " takes.");
        }
        for (Object p : paths) {
            Path file = kit.resolve("src/main/java").resolve(String.valueOf(p));
            if (Files.isRegularFile(file)) {
                files.add(file);
            } else {
                missing.add(kit.relativize(file).toString().replace('\\', '/'));
            }
        }
        if (!missing.isEmpty()) {
            throw new Stop(EXIT_BAD_COMMAND_LINE, t("Not found in ", "見つかりません（") + kit + t(": ", "）: ")
                    + String.join(", ", missing) + t(". Run Submit.java in the starter kit's folder.",
                    "。スターターキットのフォルダで Submit.java を実行してください。"));
        }
        // Classes of earlier assignments in other packages go along when the code uses them
        // (a MaxPooling that calls your ConvOps.im2col); otherwise the grader takes the stub.
        StringBuilder own = new StringBuilder();
        for (Path file : files) {
            // Code only: the stubs' Javadoc names ConvOps whether or not the code calls it.
            own.append(read(file).replaceAll("(?s)/\\*.*?\\*/", " ").replaceAll("//[^\n]*", " ")).append('\n');
        }
        for (Object p : list(detail.get("usedFiles"))) {
            Path file = kit.resolve("src/main/java").resolve(String.valueOf(p));
            String name = file.getFileName().toString().replace(".java", "");
            if (Files.isRegularFile(file) && own.toString().matches("(?s).*\\b" + name + "\\b.*")) {
                files.add(file);
            }
        }
        return files;
    }

    private Map<String, Object> follow(long id) throws Stop, InterruptedException {
        long deadline = System.nanoTime() + Duration.ofSeconds(timeoutSeconds).toNanos();
        String last = "";
        while (true) {
            Map<String, Object> status = object(get("api/submissions/" + id));
            String phase = String.valueOf(status.get("status"));
            if ("RUNNING".equals(phase)) {
                phase = status.get("runningAt") == null ? "COMPILING" : "RUNNING";
            }
            String shown = switch (phase) {
                case "QUEUED" -> t("  queued (", "  待ち（") + number(status.get("queueAhead")) + t(" ahead)", " 件が先）");
                case "COMPILING" -> t("  compiling", "  コンパイル中");
                case "RUNNING" -> t("  running the tests", "  テストを実行中");
                case "GRADED" -> t("  graded", "  採点完了");
                default -> "  " + phase.toLowerCase(Locale.ROOT);
            };
            if (!shown.equals(last)) {
                out.println(shown);
                last = shown;
            }
            if ("GRADED".equals(status.get("status")) || "FAILED".equals(status.get("status"))) {
                return status;
            }
            if (System.nanoTime() > deadline) {
                throw new Stop(EXIT_UNREACHABLE, t("The grading did not finish within ", "採点が ") + timeoutSeconds
                        + t(" s; see ", " 秒以内に終わりませんでした。次のページを確認してください: ") + server
                        + "submissions/" + id);
            }
            Thread.sleep(700);
        }
    }

    private void print(Map<String, Object> results) {
        Map<String, Object> extra = object(results.get("extra_data"));
        out.println();
        out.println(assignment + ": " + number(results.get("score")) + " / " + number(results.get("max_score"))
                + t(" points", " 点"));
        Object output = results.get("output");
        if (output instanceof String text && !text.isBlank()) {
            out.println(text);
        }
        if ("FAILED".equals(extra.get("status"))) {
            out.println(t("The grading itself failed; the staff can see why and regrade it.",
                    "採点そのものが失敗しました。教員が原因を確認して再採点できます。"));
        }
        for (Object entry : list(results.get("tests"))) {
            Map<String, Object> test = object(entry);
            Map<String, Object> testExtra = object(test.get("extra_data"));
            if (Boolean.TRUE.equals(testExtra.get("withheld"))) {
                out.println(t("  [hidden] a hidden test (shown when the instructor releases it)",
                        "  [非公開] 非公開テスト（教員が公開すると表示されます）"));
                continue;
            }
            boolean passed = "passed".equals(test.get("status"));
            out.println("  [" + (passed ? "PASS" : "FAIL") + "] " + test.get("name") + "  " + number(test.get("score"))
                    + "/" + number(test.get("max_score")));
            if (!passed && test.get("output") instanceof String feedback && !feedback.isBlank()) {
                feedback.lines().forEach(line -> out.println("        " + line));
            }
            for (Object tensor : list(testExtra.get("tensors"))) {
                out.println("        " + differingCells(object(tensor)));
            }
        }
        out.println();
    }

    /** Say which cells of a failed comparison differ, as [i, j, ...] indices (at most 20). */
    String differingCells(Map<String, Object> tensor) {
        List<Object> shape = list(tensor.get("shape"));
        List<Object> differing = list(tensor.get("differing"));
        long size = 1;
        for (Object d : shape) {
            size *= ((Number) d).longValue();
        }
        StringBuilder text = new StringBuilder(differing.size() + t(" of ", " / ") + size
                + t(" cells differ (", " 個のセルが異なる (") + tensor.get("label") + "): ");
        for (int k = 0; k < differing.size() && k < 20; k++) {
            long flat = ((Number) differing.get(k)).longValue();
            long[] index = new long[shape.size()];
            for (int axis = shape.size() - 1; axis >= 0; axis--) {
                long n = ((Number) shape.get(axis)).longValue();
                index[axis] = flat % n;
                flat /= n;
            }
            text.append(k == 0 ? "" : ", ").append(java.util.Arrays.toString(index));
        }
        if (differing.size() > 20) {
            text.append(", ...");
        }
        return text.toString();
    }

    // --- HTTP ---

    private HttpRequest.Builder request(String path) {
        return HttpRequest.newBuilder(URI.create(server + path)).timeout(Duration.ofSeconds(60))
                .header("Authorization", "Bearer " + token).header("Accept", "application/json")
                .header("Accept-Language", japanese ? "ja" : "en");
    }

    private Object get(String path) throws Stop, InterruptedException {
        HttpResponse<String> response = exchange(request(path).GET().build());
        if (response.statusCode() == 404 && path.startsWith("api/assignments/")) {
            throw new Stop(EXIT_BAD_COMMAND_LINE, t("The server has no assignment '", "サーバーに課題 '") + assignment
                    + t("' open to you (", "' はないか、まだ公開されていません (") + message(response.body()) + ")");
        }
        if (response.statusCode() != 200) {
            throw new Stop(EXIT_UNREACHABLE, "GET " + server + path + ": " + response.statusCode() + " "
                    + message(response.body()));
        }
        if (path.endsWith("/results")) {
            resultsText = response.body();
        }
        return Json.parse(response.body());
    }

    private Object send(String path, List<Path> files) throws Stop, InterruptedException {
        String boundary = "kadai-" + UUID.randomUUID();
        ByteArrayOutputStream body = new ByteArrayOutputStream();
        for (Path file : files) {
            String head = "--" + boundary + "\r\nContent-Disposition: form-data; name=\"files\"; filename=\""
                    + file.getFileName() + "\"\r\nContent-Type: text/x-java-source; charset=UTF-8\r\n\r\n";
            body.writeBytes(head.getBytes(StandardCharsets.UTF_8));
            try {
                body.writeBytes(Files.readAllBytes(file));
            } catch (IOException e) {
                throw new Stop(EXIT_BAD_COMMAND_LINE, "Cannot read " + file + ": " + e.getMessage());
            }
            body.writeBytes("\r\n".getBytes(StandardCharsets.UTF_8));
        }
        body.writeBytes(("--" + boundary + "--\r\n").getBytes(StandardCharsets.UTF_8));
        HttpResponse<String> response = exchange(request(path)
                .header("Content-Type", "multipart/form-data; boundary=" + boundary)
                .POST(HttpRequest.BodyPublishers.ofByteArray(body.toByteArray())).build());
        if (response.statusCode() != 201) {
            throw new Stop(EXIT_REFUSED, t("The server refused the submission (", "提出は受け付けられませんでした (")
                    + response.statusCode() + "): " + message(response.body()));
        }
        return Json.parse(response.body());
    }

    private HttpResponse<String> exchange(HttpRequest request) throws Stop, InterruptedException {
        HttpResponse<String> response;
        try {
            response = http.send(request, HttpResponse.BodyHandlers.ofString(StandardCharsets.UTF_8));
        } catch (IOException e) {
            throw new Stop(EXIT_UNREACHABLE, t("Cannot reach ", "サーバーに接続できません: ") + server + " ("
                    + e.getClass().getSimpleName() + (e.getMessage() == null ? "" : ": " + e.getMessage()) + ")");
        }
        if (response.statusCode() == 401) {
            throw new Stop(EXIT_UNREACHABLE, t("The server does not accept this API token (revoked or mistyped):"
                            + " create one on your Account page, or download the starter kit again.",
                    "サーバーがこの API トークンを受け付けません（無効化されたか誤り）。アカウントのページで作り直すか、"
                            + "スターターキットをもう一度ダウンロードしてください。"));
        }
        return response;
    }

    private static String message(String body) {
        try {
            Object parsed = Json.parse(body);
            if (parsed instanceof Map<?, ?> map && map.get("message") != null) {
                return String.valueOf(map.get("message"));
            }
        } catch (IllegalArgumentException e) {
            // Not JSON: show the start of the body as it is.
        }
        return body.length() > 300 ? body.substring(0, 300) + "..." : body;
    }

    private static String encode(String text) {
        return URLEncoder.encode(text, StandardCharsets.UTF_8);
    }

    private static String read(Path file) throws Stop {
        try {
            return Files.readString(file, StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new Stop(EXIT_BAD_COMMAND_LINE, "Cannot read " + file + " as UTF-8 text: " + e.getMessage());
        }
    }

    private static void write(Path file, String text) throws Stop {
        try {
            Files.writeString(file, text, StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new Stop(EXIT_BAD_COMMAND_LINE, "Cannot write " + file + ": " + e.getMessage());
        }
    }

    @SuppressWarnings("unchecked")
    private static Map<String, Object> object(Object value) {
        return value instanceof Map<?, ?> map ? (Map<String, Object>) map : Map.of();
    }

    @SuppressWarnings("unchecked")
    private static List<Object> list(Object value) {
        return value instanceof List<?> l ? (List<Object>) l : List.of();
    }

    private static String number(Object value) {
        if (!(value instanceof Number n)) {
            return "-";
        }
        double v = n.doubleValue();
        return v == Math.rint(v) ? Long.toString((long) v) : String.format(Locale.ROOT, "%.2f", v);
    }

    /** The least JSON reader that reads the server's answers: objects, arrays, strings, numbers, literals. */
    static final class Json {
        private final String s;
        private int i;

        private Json(String s) {
            this.s = s;
        }

        static Object parse(String text) {
            Json json = new Json(text == null ? "" : text);
            Object value = json.value();
            json.space();
            if (json.i != json.s.length()) {
                throw json.error("text after the value");
            }
            return value;
        }

        private Object value() {
            space();
            if (i >= s.length()) {
                throw error("a value");
            }
            char c = s.charAt(i);
            if (c == '{') {
                Map<String, Object> map = new LinkedHashMap<>();
                i++;
                space();
                if (peek('}')) {
                    return map;
                }
                do {
                    space();
                    String key = string();
                    space();
                    expect(':');
                    map.put(key, value());
                    space();
                } while (peek(','));
                expect('}');
                return map;
            }
            if (c == '[') {
                List<Object> list = new ArrayList<>();
                i++;
                space();
                if (peek(']')) {
                    return list;
                }
                do {
                    list.add(value());
                    space();
                } while (peek(','));
                expect(']');
                return list;
            }
            if (c == '"') {
                return string();
            }
            for (String literal : new String[] {"true", "false", "null"}) {
                if (s.startsWith(literal, i)) {
                    i += literal.length();
                    return literal.equals("null") ? null : Boolean.valueOf(literal);
                }
            }
            int start = i;
            while (i < s.length() && "+-0123456789.eE".indexOf(s.charAt(i)) >= 0) {
                i++;
            }
            if (start == i) {
                throw error("a value");
            }
            return Double.valueOf(s.substring(start, i));
        }

        private String string() {
            expect('"');
            StringBuilder out = new StringBuilder();
            while (i < s.length() && s.charAt(i) != '"') {
                char c = s.charAt(i++);
                if (c == '\\' && i < s.length()) {
                    char e = s.charAt(i++);
                    switch (e) {
                        case 'n' -> out.append('\n');
                        case 't' -> out.append('\t');
                        case 'r' -> out.append('\r');
                        case 'b' -> out.append('\b');
                        case 'f' -> out.append('\f');
                        case 'u' -> {
                            out.append((char) Integer.parseInt(s.substring(i, i + 4), 16));
                            i += 4;
                        }
                        default -> out.append(e);
                    }
                } else {
                    out.append(c);
                }
            }
            expect('"');
            return out.toString();
        }

        private void space() {
            while (i < s.length() && Character.isWhitespace(s.charAt(i))) {
                i++;
            }
        }

        private boolean peek(char c) {
            if (i < s.length() && s.charAt(i) == c) {
                i++;
                return true;
            }
            return false;
        }

        private void expect(char c) {
            if (!peek(c)) {
                throw error("'" + c + "'");
            }
        }

        private IllegalArgumentException error(String expected) {
            return new IllegalArgumentException("not JSON: expected " + expected + " at " + i);
        }
    }
}
