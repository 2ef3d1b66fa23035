package kadai.web.cli;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintWriter;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.Callable;
import kadai.grader.result.TensorDiff;
import kadai.grader.result.TerminalTable;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/**
 * Submit files to a Kadai server from a terminal or CI, wait for grading, print the feedback
 * and write the results JSON.
 */
@Command(
        name = "submit",
        mixinStandardHelpOptions = true,
        description = "Submit .java files (or a zip) to a Kadai server and wait for the grade.")
public final class SubmitCommand implements Callable<Integer> {

    public static final int EXIT_OK = 0;
    /** Graded, but not full marks. */
    public static final int EXIT_NOT_FULL_MARKS = 1;

    public static final int EXIT_INVALID_INPUT = 2;
    /** The server refused the submission (bad files, deadline, daily limit). */
    public static final int EXIT_REFUSED = 3;
    /** The server could not be reached, the token is wrong, or grading did not finish in time. */
    public static final int EXIT_UNAVAILABLE = 4;

    @Option(names = "--server", required = true, description = "Server URL, e.g. http://localhost:7070/")
    String server;

    @Option(
            names = "--token",
            required = true,
            defaultValue = "${env:KADAI_TOKEN}",
            description = "Personal API token (Account page). Default: $KADAI_TOKEN")
    String token;

    @Option(names = "--assignment", required = true, description = "Assignment id: conv-op, conv, pool, resnet, gan")
    String assignment;

    @Option(names = "--json", description = "Write the results JSON (Gradescope format) here.")
    Path json;

    @Option(
            names = "--timeout",
            defaultValue = "600",
            description = "Seconds to wait for grading. Default: ${DEFAULT-VALUE}")
    int timeoutSeconds;

    @Parameters(arity = "1..*", paramLabel = "FILE", description = ".java files or one .zip")
    List<Path> files;

    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    private final ObjectMapper mapper = new ObjectMapper();

    @Override
    public Integer call() throws InterruptedException {
        PrintWriter out = spec.commandLine().getOut();
        PrintWriter err = spec.commandLine().getErr();
        String base = server.endsWith("/") ? server.substring(0, server.length() - 1) : server;
        for (Path file : files) {
            if (!Files.isRegularFile(file)) {
                err.println("No such file: " + file);
                return EXIT_INVALID_INPUT;
            }
        }
        HttpClient http =
                HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(10)).build();
        try {
            String boundary = "kadai-" + UUID.randomUUID();
            HttpRequest upload = HttpRequest.newBuilder(
                            URI.create(base + "/api/assignments/" + assignment + "/submissions"))
                    .header("Authorization", "Bearer " + token)
                    .header("Content-Type", "multipart/form-data; boundary=" + boundary)
                    .POST(HttpRequest.BodyPublishers.ofByteArray(multipart(boundary)))
                    .build();
            HttpResponse<String> created = http.send(upload, HttpResponse.BodyHandlers.ofString());
            if (created.statusCode() == 401) {
                err.println("The server does not know this token; create one on your Account page.");
                return EXIT_UNAVAILABLE;
            }
            if (created.statusCode() != 201) {
                err.println("Submission refused (" + created.statusCode() + "): " + message(created.body()));
                return EXIT_REFUSED;
            }
            long id = mapper.readTree(created.body()).get("id").asLong();
            out.println("Submitted as #" + id + "; waiting for grading...");
            out.flush();
            long deadline =
                    System.nanoTime() + Duration.ofSeconds(timeoutSeconds).toNanos();
            String lastStatus = "";
            JsonNode status;
            while (true) {
                status = get(http, base + "/api/submissions/" + id);
                String now = status.get("status").asText();
                if (!now.equals(lastStatus)) {
                    out.println("  " + now.toLowerCase()
                            + (now.equals("QUEUED")
                                    ? " (" + status.get("queueAhead").asInt() + " ahead)"
                                    : ""));
                    out.flush();
                    lastStatus = now;
                }
                if (now.equals("GRADED") || now.equals("FAILED")) {
                    break;
                }
                if (System.nanoTime() > deadline) {
                    err.println("Grading did not finish within " + timeoutSeconds + " s; see " + base + "/submissions/"
                            + id);
                    return EXIT_UNAVAILABLE;
                }
                Thread.sleep(500);
            }
            JsonNode results = get(http, base + "/api/submissions/" + id + "/results");
            print(out, results);
            if (json != null) {
                Files.writeString(json, mapper.writerWithDefaultPrettyPrinter().writeValueAsString(results));
                out.println("Results written to " + json);
            }
            out.println("Details: " + base + "/submissions/" + id);
            out.flush();
            boolean full = results.path("score").isNumber()
                    && results.path("max_score").isNumber()
                    && results.get("score").asDouble()
                            >= results.get("max_score").asDouble() - 1e-9;
            return status.get("status").asText().equals("GRADED") && full ? EXIT_OK : EXIT_NOT_FULL_MARKS;
        } catch (IOException e) {
            err.println("Cannot reach " + base + ": " + e.getMessage());
            return EXIT_UNAVAILABLE;
        }
    }

    private JsonNode get(HttpClient http, String url) throws IOException, InterruptedException {
        HttpResponse<String> response = http.send(
                HttpRequest.newBuilder(URI.create(url))
                        .header("Authorization", "Bearer " + token)
                        .GET()
                        .build(),
                HttpResponse.BodyHandlers.ofString());
        if (response.statusCode() != 200) {
            throw new IOException(
                    "GET " + url + " answered " + response.statusCode() + ": " + message(response.body()));
        }
        return mapper.readTree(response.body());
    }

    private String message(String body) {
        try {
            JsonNode node = mapper.readTree(body);
            return node.has("message") ? node.get("message").asText() : body;
        } catch (IOException e) {
            return body;
        }
    }

    private byte[] multipart(String boundary) throws IOException {
        ByteArrayOutputStream body = new ByteArrayOutputStream();
        for (Path file : files) {
            String head = "--" + boundary + "\r\nContent-Disposition: form-data; name=\"files\"; filename=\""
                    + file.getFileName().toString().replace("\"", "") + "\"\r\n"
                    + "Content-Type: application/octet-stream\r\n\r\n";
            body.write(head.getBytes(StandardCharsets.UTF_8));
            body.write(Files.readAllBytes(file));
            body.write("\r\n".getBytes(StandardCharsets.UTF_8));
        }
        body.write(("--" + boundary + "--\r\n").getBytes(StandardCharsets.UTF_8));
        return body.toByteArray();
    }

    private void print(PrintWriter out, JsonNode results) {
        out.println();
        JsonNode extra = results.path("extra_data");
        out.printf(
                "%s: %s / %s points%n",
                extra.path("assignment").asText(), number(results.path("score")), number(results.path("max_score")));
        JsonNode peak = extra.path("peak_memory_bytes");
        out.printf(
                "Graded in %s s (%s)%s%n",
                number(results.path("execution_time")),
                extra.path("sandbox_level").asText("?"),
                peak.isNumber()
                        ? String.format(java.util.Locale.ROOT, ", peak memory %.1f MiB", peak.asDouble() / (1 << 20))
                        : "");
        String output = results.path("output").asText("");
        if (!output.isBlank()) {
            out.println(output);
        }
        for (JsonNode test : results.path("tests")) {
            if (test.path("extra_data").path("withheld").asBoolean(false)) {
                out.println("  [hidden] a hidden test (shown after the instructor releases it)");
                continue;
            }
            out.printf(
                    "  [%s] %s  %s/%s%n",
                    test.path("status").asText().equals("passed") ? "PASS" : "FAIL",
                    test.path("name").asText(),
                    number(test.path("score")),
                    number(test.path("max_score")));
            String feedback = test.path("output").asText("");
            if (!feedback.isBlank() && !test.path("status").asText().equals("passed")) {
                feedback.lines().forEach(line -> out.println("        " + line));
            }
            for (JsonNode tensor : test.path("extra_data").path("tensors")) {
                try {
                    out.println("        "
                            + TerminalTable.differingCells(mapper.treeToValue(tensor, TensorDiff.class), false));
                } catch (IOException | IllegalArgumentException e) {
                    // A comparison this client cannot read is left to the web page; the text feedback is above.
                }
            }
        }
        out.println();
    }

    private static String number(JsonNode node) {
        if (!node.isNumber()) {
            return "-";
        }
        double v = node.asDouble();
        return v == Math.rint(v) ? Long.toString((long) v) : String.format(java.util.Locale.ROOT, "%.2f", v);
    }
}
