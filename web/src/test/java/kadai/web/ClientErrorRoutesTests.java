package kadai.web;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.Socket;
import java.net.URI;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.function.Supplier;
import kadai.web.testing.Client;
import kadai.web.testing.Client.Part;
import kadai.web.testing.FakeGrader;
import kadai.web.testing.LogCapture;
import kadai.web.testing.TestServer;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The probes of issue 10 ("500 instead of 4xx"): each hostile or broken request gets its 4xx with
 * a reason, stores nothing, and leaves one log line without a stack trace.
 */
class ClientErrorRoutesTests {

    static TestServer server;
    static final ObjectMapper JSON = new ObjectMapper();

    @BeforeAll
    static void start() {
        server = TestServer.start(new FakeGrader());
    }

    @AfterAll
    static void stop() {
        server.close();
    }

    /** Run {@code request}, check its status and error code, and that the log has one line for it and no trace. */
    private static String refusedWithOneLogLine(int status, String code, Supplier<String> request) throws IOException {
        long before = server.count("submissions");
        String body;
        String log;
        try (LogCapture capture = LogCapture.start()) {
            body = request.get();
            log = capture.text();
        }
        String statusLine = body.substring(0, body.indexOf("\r\n"));
        assertThat(statusLine).as(body).startsWith("HTTP/1.1 " + status);
        JsonNode json = JSON.readTree(body.substring(body.indexOf("\r\n\r\n") + 4));
        assertThat(json.get("error").asText()).as(body).isEqualTo(code);
        assertThat(json.get("message").asText())
                .isNotBlank()
                .doesNotContain("Exception")
                .doesNotContain("jetty");
        assertThat(server.count("submissions")).isEqualTo(before);
        List<String> lines = log.lines().filter(l -> !l.isBlank()).toList();
        assertThat(lines).as(log).noneMatch(l -> l.startsWith("\tat ") || l.startsWith("Caused by"));
        assertThat(lines).as(log).noneMatch(l -> l.contains("ERROR"));
        assertThat(lines.stream()
                        .filter(l -> l.contains(" " + status + " ") && l.contains(code))
                        .count())
                .as(log)
                .isEqualTo(1);
        return body;
    }

    /** Send raw bytes (a head and a body written by another thread) and return the whole answer. */
    private static String raw(String head, byte[] body) {
        URI uri = URI.create(server.url());
        try (Socket socket = new Socket(uri.getHost(), uri.getPort())) {
            socket.setSoTimeout(30_000);
            OutputStream out = socket.getOutputStream();
            out.write(head.getBytes(StandardCharsets.US_ASCII));
            out.flush();
            Thread writer = new Thread(() -> {
                try {
                    for (int i = 0; i < body.length; i += 8192) {
                        out.write(body, i, Math.min(8192, body.length - i));
                    }
                    out.flush();
                } catch (IOException e) {
                    // The server may answer and close before reading everything: that is the point.
                }
            });
            writer.start();
            InputStream in = socket.getInputStream();
            String answer = new String(in.readAllBytes(), StandardCharsets.UTF_8);
            writer.join(10_000);
            return answer;
        } catch (IOException | InterruptedException e) {
            throw new IllegalStateException(e);
        }
    }

    private static String uploadHead(String contentType, String lengthOrChunked) {
        URI uri = URI.create(server.url());
        return "POST /api/assignments/conv-op/submissions HTTP/1.1\r\n"
                + "Host: " + uri.getHost() + ":" + uri.getPort() + "\r\n"
                + "Authorization: Bearer " + server.demoToken() + "\r\n"
                + "Content-Type: " + contentType + "\r\n"
                + lengthOrChunked + "\r\n"
                + "Connection: close\r\n\r\n";
    }

    private static byte[] multipart(String boundary, List<Part> parts) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        for (Part p : parts) {
            out.writeBytes(("--" + boundary + "\r\nContent-Disposition: form-data; name=\"files\"; filename=\""
                            + p.filename() + "\"\r\nContent-Type: text/x-java\r\n\r\n")
                    .getBytes(StandardCharsets.UTF_8));
            out.writeBytes(p.content());
            out.writeBytes("\r\n".getBytes(StandardCharsets.UTF_8));
        }
        out.writeBytes(("--" + boundary + "--\r\n").getBytes(StandardCharsets.UTF_8));
        return out.toByteArray();
    }

    private static byte[] chunked(byte[] body) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        for (int i = 0; i < body.length; i += 4096) {
            int n = Math.min(4096, body.length - i);
            out.writeBytes((Integer.toHexString(n) + "\r\n").getBytes(StandardCharsets.US_ASCII));
            out.write(body, i, n);
            out.writeBytes("\r\n".getBytes(StandardCharsets.US_ASCII));
        }
        out.writeBytes("0\r\n\r\n".getBytes(StandardCharsets.US_ASCII));
        return out.toByteArray();
    }

    private static byte[] source(int bytes) {
        byte[] text = new byte[bytes];
        Arrays.fill(text, (byte) ' ');
        byte[] head =
                "package kadai.assignments.conv;\npublic final class ConvOps { }\n".getBytes(StandardCharsets.UTF_8);
        System.arraycopy(head, 0, text, 0, head.length);
        return text;
    }

    @Test
    void aChunkedUploadOverTheCapIs413() throws IOException {
        byte[] body = chunked(multipart("kb", List.of(new Part("ConvOps.java", source(3 * 1024 * 1024)))));
        refusedWithOneLogLine(
                413,
                "too-large",
                () -> raw(uploadHead("multipart/form-data; boundary=kb", "Transfer-Encoding: chunked"), body));
    }

    @Test
    void aTwoMegabyteFileIsRefusedWithItsReason() throws IOException {
        byte[] body = multipart("kb", List.of(new Part("ConvOps.java", source(2_000_000))));
        String answer = refusedWithOneLogLine(
                422,
                "file-too-large",
                () -> raw(uploadHead("multipart/form-data; boundary=kb", "Content-Length: " + body.length), body));
        assertThat(answer).contains("ConvOps.java");
    }

    @Test
    void twoThousandPartsAreRefused() throws IOException {
        List<Part> parts = new ArrayList<>();
        for (int i = 0; i < 2000; i++) {
            parts.add(Part.text("C" + i + ".java", "package kadai.assignments.conv;\nclass C" + i + " { }\n"));
        }
        byte[] body = multipart("kb", parts);
        refusedWithOneLogLine(
                422,
                "too-many-parts",
                () -> raw(uploadHead("multipart/form-data; boundary=kb", "Content-Length: " + body.length), body));
    }

    @Test
    void malformedMultipartIsRefused() throws IOException {
        byte[] body = ("--kb\r\nContent-Disposition: form-data; name=\"files\"; filename=\"ConvOps.java\"\r\n"
                        + "no blank line, no closing boundary")
                .getBytes(StandardCharsets.UTF_8);
        refusedWithOneLogLine(
                422,
                "bad-multipart",
                () -> raw(uploadHead("multipart/form-data; boundary=kb", "Content-Length: " + body.length), body));
    }

    @Test
    void aMultipartWithoutBoundaryIsRefused() throws IOException {
        byte[] body = "hello".getBytes(StandardCharsets.UTF_8);
        refusedWithOneLogLine(
                422,
                "bad-multipart",
                () -> raw(uploadHead("multipart/form-data", "Content-Length: " + body.length), body));
    }

    private static String asRaw(HttpResponse<String> r) {
        return "HTTP/1.1 " + r.statusCode() + " x\r\n\r\n" + r.body();
    }

    @Test
    void malformedJsonToTheSettingsApiIs400() throws IOException {
        Client sensei = server.client().loggedIn("sensei", "kadai-instructor");
        refusedWithOneLogLine(
                400,
                "bad-json",
                () -> asRaw(sensei.postJson(
                        "/api/staff/assignments/conv/settings",
                        "{\"deadline\": \"2030-01-01T00:00:00Z\", \"lateDays\": ")));
        refusedWithOneLogLine(
                400,
                "bad-json",
                () -> asRaw(sensei.postJson(
                        "/api/staff/assignments/conv/settings",
                        "{\"deadline\": \"2030-01-01T00:00:00Z\", \"lateDays\": \"three\"}")));
    }

    @Test
    void malformedJsonToTheRegradeApiIs400() throws IOException {
        Client sensei = server.client().loggedIn("sensei", "kadai-instructor");
        refusedWithOneLogLine(
                400,
                "bad-json",
                () -> asRaw(sensei.postJson("/api/staff/assignments/conv/regrades", "{\"submissionId\": ")));
        refusedWithOneLogLine(
                400, "bad-json", () -> asRaw(sensei.postJson("/api/staff/assignments/conv/regrades", "[1, 2]")));
    }

    @Test
    void badValuesInTheSettingsApiAre400WithTheReason() throws IOException {
        Client sensei = server.client().loggedIn("sensei", "kadai-instructor");
        String answer = refusedWithOneLogLine(
                400,
                "bad-settings",
                () -> asRaw(sensei.postJson(
                        "/api/staff/assignments/conv/settings",
                        "{\"deadline\": \"2030-01-01T00:00:00Z\", \"latePenaltyPerDay\": 300,"
                                + " \"lateDays\": 1, \"dailyLimit\": 5, \"hiddenReleased\": false}")));
        assertThat(answer).contains("late penalty");
    }

    @Test
    void aPageRequestGetsTheErrorPageNotJson() {
        Client aiko = server.client().loggedIn("aiko", "kadai-student");
        HttpResponse<String> r = aiko.upload(
                "/assignments/conv-op/submissions",
                List.of(new Part("ConvOps.java", source(300 * 1024))),
                Map.of("_csrf", aiko.csrf()));
        assertThat(r.statusCode()).isEqualTo(422);
        assertThat(r.headers().firstValue("Content-Type").orElse("")).startsWith("text/html");
        assertThat(r.body()).contains("ConvOps.java has");
    }
}
