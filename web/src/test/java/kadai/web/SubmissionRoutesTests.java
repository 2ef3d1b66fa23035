package kadai.web;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.zip.ZipEntry;
import java.util.zip.ZipOutputStream;
import kadai.web.testing.Client;
import kadai.web.testing.Client.Part;
import kadai.web.testing.FakeGrader;
import kadai.web.testing.TestServer;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

class SubmissionRoutesTests {

    static final String RIGHT = "package kadai.assignments.conv;\npublic final class ConvOps { /* right */ }\n";
    static final String WRONG = "package kadai.assignments.conv;\npublic final class ConvOps { /* WRONG */ }\n";

    static TestServer server;
    static FakeGrader grader = new FakeGrader();
    static final ObjectMapper JSON = new ObjectMapper();

    @BeforeAll
    static void start() {
        server = TestServer.start(grader);
    }

    @AfterAll
    static void stop() {
        server.close();
    }

    static JsonNode json(HttpResponse<String> r) throws IOException {
        return JSON.readTree(r.body());
    }

    Client student() {
        return server.client().withToken(server.demoToken());
    }

    @Test
    void apiSubmissionIsGradedAndHidesHiddenTestsFromTheStudent() throws IOException {
        Client aiko = student();
        HttpResponse<String> created = aiko.submitApi("conv-op", Part.text("ConvOps.java", WRONG));
        assertThat(created.statusCode()).isEqualTo(201);
        long id = json(created).get("id").asLong();

        JsonNode status = JSON.readTree(aiko.awaitGraded(id, Duration.ofSeconds(20)));
        assertThat(status.get("status").asText()).isEqualTo("GRADED");
        assertThat(status.get("startedAt").isNull()).isFalse();

        JsonNode results = json(aiko.get("/api/submissions/" + id + "/results"));
        assertThat(results.get("score").asDouble()).isEqualTo(0.0);
        assertThat(results.get("max_score").asDouble()).isEqualTo(8.0);
        JsonNode visible = results.get("tests").get(0);
        assertThat(visible.get("status").asText()).isEqualTo("failed");
        assertThat(visible.get("output").asText())
                .contains("smallest failing case")
                .contains("actual   [[1, 2], [4, 6]]");
        JsonNode hidden = results.get("tests").get(1);
        assertThat(hidden.get("extra_data").get("withheld").asBoolean()).isTrue();
        assertThat(hidden.has("score")).isFalse();
        assertThat(results.get("extra_data").get("withheld_tests").asInt()).isEqualTo(1);
        assertThat(results.toString()).doesNotContain("secret");

        String page = server.client()
                .loggedIn("aiko", "kadai-student")
                .get("/submissions/" + id)
                .body();
        assertThat(page)
                .contains("smallest failing case")
                .contains("Hidden test")
                .doesNotContain("secret large case");
    }

    @Test
    void aWrongResultMarksExactlyTheDifferingTensorCellsAndHidesHiddenOnes() throws IOException {
        long id = json(student()
                        .submitApi("conv-op", Part.text("ConvOps.java", WRONG.replace("WRONG", "WRONG HIDDEN_FAIL"))))
                .get("id")
                .asLong();
        student().awaitGraded(id, Duration.ofSeconds(20));
        String page = server.client()
                .loggedIn("aiko", "kadai-student")
                .get("/submissions/" + id)
                .body();
        assertThat(page).contains("2 of 12 cells differ beyond the tolerance").doesNotContain("secret");
        List<List<Cell>> expected = tables(page, "tensor-expected");
        List<List<Cell>> actual = tables(page, "tensor-actual");
        assertThat(expected).hasSize(4).hasSameSizeAs(actual); // [n=0] and [n=1], two rows each
        int marked = 0;
        for (int r = 0; r < expected.size(); r++) {
            assertThat(actual.get(r)).hasSameSizeAs(expected.get(r));
            for (int c = 0; c < expected.get(r).size(); c++) {
                double e = Double.parseDouble(expected.get(r).get(c).text());
                double a = Double.parseDouble(actual.get(r).get(c).text());
                boolean differs = Math.abs(a - e) > 1e-8 + 1e-5 * Math.abs(e);
                assertThat(actual.get(r).get(c).marked())
                        .as("actual row %d col %d", r, c)
                        .isEqualTo(differs);
                assertThat(expected.get(r).get(c).marked())
                        .as("expected row %d col %d", r, c)
                        .isEqualTo(differs);
                marked += differs ? 1 : 0;
            }
        }
        assertThat(marked).isEqualTo(2);
        assertThat(page).contains("<span class=\"sr-only\"> (differs)</span>");
        JsonNode tensors = json(student().get("/api/submissions/" + id + "/results"))
                .get("tests")
                .get(0)
                .get("extra_data")
                .get("tensors");
        assertThat(tensors.get(0).get("differing").toString()).isEqualTo("[4,10]");
        // staff see the hidden test's comparison too
        String staff = server.client()
                .loggedIn("sensei", "kadai-instructor")
                .get("/submissions/" + id)
                .body();
        assertThat(staff).contains("secret hidden call");
    }

    @Test
    void aStoredResultWithoutCellComparisonsStillShowsItsFeedback() throws IOException {
        long id = json(student().submitApi("conv-op", Part.text("ConvOps.java", WRONG)))
                .get("id")
                .asLong();
        student().awaitGraded(id, Duration.ofSeconds(20));
        server.server()
                .database()
                .jdbi()
                .useHandle(h -> h.createUpdate("UPDATE test_results SET tensors = NULL WHERE submission_id = :id")
                        .bind("id", id)
                        .execute());
        String page = server.client()
                .loggedIn("aiko", "kadai-student")
                .get("/submissions/" + id)
                .body();
        assertThat(page).contains("smallest failing case").doesNotContain("class=\"tensor ");
    }

    record Cell(String text, boolean marked) {}

    /** Return the rows of every table of the class, in order, as cells. */
    static List<List<Cell>> tables(String page, String tableClass) {
        List<List<Cell>> rows = new java.util.ArrayList<>();
        java.util.regex.Matcher table = java.util.regex.Pattern.compile(
                        "<table class=\"tensor " + tableClass + "\">(.*?)</table>", java.util.regex.Pattern.DOTALL)
                .matcher(page);
        while (table.find()) {
            java.util.regex.Matcher row = java.util.regex.Pattern.compile(
                            "<tr>(.*?)</tr>", java.util.regex.Pattern.DOTALL)
                    .matcher(table.group(1));
            while (row.find()) {
                List<Cell> cells = new java.util.ArrayList<>();
                java.util.regex.Matcher cell = java.util.regex.Pattern.compile("<td( class=\"differs\")?>([^<]*)")
                        .matcher(row.group(1));
                while (cell.find()) {
                    cells.add(new Cell(cell.group(2), cell.group(1) != null));
                }
                rows.add(cells);
            }
        }
        return rows;
    }

    @Test
    void staffSeeHiddenTestsSourcesAndTheSandboxLevel() throws IOException {
        long id = json(student().submitApi("conv-op", Part.text("ConvOps.java", RIGHT)))
                .get("id")
                .asLong();
        student().awaitGraded(id, Duration.ofSeconds(20));
        Client sensei = server.client().loggedIn("sensei", "kadai-instructor");
        String page = sensei.get("/submissions/" + id).body();
        assertThat(page).contains("secret large case").contains("in-process").contains("/* right */");
        JsonNode results = json(sensei.get("/api/submissions/" + id + "/results"));
        assertThat(results.get("score").asDouble()).isEqualTo(10.0);
        assertThat(results.get("max_score").asDouble()).isEqualTo(10.0);
    }

    @Test
    void formSubmissionRedirectsToTheLiveStatusPage() {
        Client aiko = server.client().loggedIn("aiko", "kadai-student");
        HttpResponse<String> r = aiko.upload(
                "/assignments/conv-op/submissions",
                List.of(Part.text("ConvOps.java", RIGHT)),
                Map.of("_csrf", aiko.csrf()));
        assertThat(r.statusCode()).isEqualTo(302);
        String location = r.headers().firstValue("Location").orElseThrow();
        assertThat(location).matches("/submissions/\\d+");
        String page = aiko.get(location).body();
        assertThat(page).contains("id=\"phases\"").contains("Received");
    }

    @Test
    void statusEventsStreamUntilGraded() {
        Client aiko = server.client().loggedIn("aiko", "kadai-student");
        long id = Long.parseLong(aiko.upload(
                        "/assignments/conv-op/submissions",
                        List.of(Part.text("ConvOps.java", RIGHT)),
                        Map.of("_csrf", aiko.csrf()))
                .headers()
                .firstValue("Location")
                .orElseThrow()
                .replace("/submissions/", ""));
        // The stream closes itself after the graded event, so reading it to the end terminates.
        String events = aiko.send(aiko.request("/submissions/" + id + "/events")
                        .header("Accept", "text/event-stream")
                        .GET()
                        .build())
                .body();
        assertThat(events).contains("event: status").contains("\"GRADED\"");
    }

    @Test
    void starterKitIsAZipOfTheAssignmentsModule() throws IOException {
        HttpResponse<byte[]> r = student().getBytes("/api/starter-kit.zip");
        assertThat(r.statusCode()).isEqualTo(200);
        List<String> names = new java.util.ArrayList<>();
        try (var zip = new java.util.zip.ZipInputStream(new java.io.ByteArrayInputStream(r.body()))) {
            for (ZipEntry e = zip.getNextEntry(); e != null; e = zip.getNextEntry()) {
                names.add(e.getName());
            }
        }
        assertThat(names)
                .contains("kadai-starter-kit/pom.xml", "kadai-starter-kit/mvnw")
                .anyMatch(n -> n.endsWith("kadai/assignments/Layer.java"))
                .noneMatch(n -> n.contains("/target/"));
    }

    // ---- bad uploads: each refused with its reason, nothing stored ----

    private void assertRefused(HttpResponse<String> r, int status, String code, String reason) throws IOException {
        assertThat(r.statusCode()).as(r.body()).isEqualTo(status);
        JsonNode body = json(r);
        assertThat(body.get("error").asText()).isEqualTo(code);
        assertThat(body.get("message").asText()).contains(reason);
    }

    private HttpResponse<String> refusedKeepsNothing(Part... parts) {
        long before = server.count("submissions");
        long filesBefore = server.count("submission_files");
        HttpResponse<String> r = student().submitApi("conv-op", parts);
        assertThat(server.count("submissions")).isEqualTo(before);
        assertThat(server.count("submission_files")).isEqualTo(filesBefore);
        return r;
    }

    static byte[] zip(Map<String, byte[]> entries) throws IOException {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        try (ZipOutputStream zip = new ZipOutputStream(out)) {
            for (Map.Entry<String, byte[]> e : entries.entrySet()) {
                zip.putNextEntry(new ZipEntry(e.getKey()));
                zip.write(e.getValue());
                zip.closeEntry();
            }
        }
        return out.toByteArray();
    }

    @Test
    void zipSlipIsRefused() throws IOException {
        byte[] zip = zip(Map.of("../../evil/ConvOps.java", RIGHT.getBytes(StandardCharsets.UTF_8)));
        assertRefused(refusedKeepsNothing(new Part("sub.zip", zip)), 422, "zip-slip", "outside the zip");
    }

    @Test
    void zipBombIsRefused() throws IOException {
        byte[] zeros = new byte[5 * 1024 * 1024];
        byte[] zip = zip(Map.of("ConvOps.java", zeros));
        assertThat(zip.length).isLessThan(100_000);
        assertRefused(refusedKeepsNothing(new Part("bomb.zip", zip)), 422, "zip-bomb", "expands to more than");
    }

    @Test
    void fiftyMegabytesAreRefusedBeforeReading() throws IOException {
        // A raw socket, so that the test can read the answer before sending the body: the refusal must
        // come from the declared length alone. (An HTTP client that insists on sending all 50 MB sees
        // the server close the connection mid-body and may report a broken pipe instead of the 413.)
        long before = server.count("submissions");
        long length = 50L * 1024 * 1024;
        java.net.URI uri = java.net.URI.create(server.url());
        try (java.net.Socket socket = new java.net.Socket(uri.getHost(), uri.getPort())) {
            socket.setSoTimeout(30_000);
            String head = "POST /api/assignments/conv-op/submissions HTTP/1.1\r\n"
                    + "Host: " + uri.getHost() + ":" + uri.getPort() + "\r\n"
                    + "Authorization: Bearer " + server.demoToken() + "\r\n"
                    + "Content-Type: multipart/form-data; boundary=kadai-boundary\r\n"
                    + "Content-Length: " + length + "\r\n"
                    + "Connection: close\r\n\r\n"
                    + "--kadai-boundary\r\nContent-Disposition: form-data; name=\"files\"; filename=\"ConvOps.java\"\r\n\r\n";
            socket.getOutputStream().write(head.getBytes(StandardCharsets.US_ASCII));
            socket.getOutputStream().flush();
            String response = new String(socket.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
            assertThat(response).startsWith("HTTP/1.1 413");
            String body = response.substring(response.indexOf("\r\n\r\n") + 4);
            assertThat(body).contains("\"error\":\"too-large\"").contains("at most");
        }
        assertThat(server.count("submissions")).isEqualTo(before);
    }

    @Test
    void binaryFileIsRefused() throws IOException {
        byte[] binary = {(byte) 0xCA, (byte) 0xFE, (byte) 0xBA, (byte) 0xBE, 0, 0, 0, 61};
        assertRefused(refusedKeepsNothing(new Part("ConvOps.java", binary)), 422, "binary", "binary file");
    }

    @Test
    void nonUtf8FileIsRefused() throws IOException {
        byte[] latin1 = "package kadai.assignments.conv; // caf\u00e9\n".getBytes(StandardCharsets.ISO_8859_1);
        assertRefused(refusedKeepsNothing(new Part("ConvOps.java", latin1)), 422, "not-utf8", "not UTF-8");
    }

    @Test
    void wrongPackageIsRefused() throws IOException {
        assertRefused(
                refusedKeepsNothing(Part.text("ConvOps.java", "package my.own;\nclass ConvOps {}\n")),
                422,
                "wrong-package",
                "declares package my.own, but this assignment's classes are in kadai.assignments.conv");
    }

    @Test
    void noFilesAreRefused() throws IOException {
        assertRefused(refusedKeepsNothing(), 422, "no-files", "No files");
    }

    @Test
    void otherFileTypesAreRefused() throws IOException {
        assertRefused(refusedKeepsNothing(Part.text("notes.txt", "hi")), 422, "wrong-type", "neither a .java");
    }

    @Test
    void refusedFormUploadShowsTheReasonOnTheAssignmentPage() {
        Client mei = server.client().loggedIn("mei", "kadai-student");
        long before = server.count("submissions");
        HttpResponse<String> r = mei.upload(
                "/assignments/conv-op/submissions",
                List.of(Part.text("ConvOps.java", "package wrong;\n")),
                Map.of("_csrf", mei.csrf()));
        assertThat(r.statusCode()).isEqualTo(422);
        assertThat(r.body()).contains("id=\"upload-error\"").contains("declares package wrong");
        assertThat(server.count("submissions")).isEqualTo(before);
    }

    @Test
    void zipOfTheStarterKitLayoutIsAccepted() throws IOException {
        byte[] zip = zip(Map.of(
                "kit/src/main/java/kadai/assignments/conv/ConvOps.java", RIGHT.getBytes(StandardCharsets.UTF_8),
                "kit/src/main/java/kadai/assignments/Layer.java",
                        "package kadai.assignments;".getBytes(StandardCharsets.UTF_8),
                "kit/src/test/java/kadai/assignments/conv/ConvOpsTests.java", "x".getBytes(StandardCharsets.UTF_8),
                "kit/pom.xml", "<project/>".getBytes(StandardCharsets.UTF_8)));
        HttpResponse<String> r = student().submitApi("conv-op", new Part("kit.zip", zip));
        assertThat(r.statusCode()).as(r.body()).isEqualTo(201);
        long id = json(r).get("id").asLong();
        Map<String, String> stored = server.server()
                .database()
                .jdbi()
                .withHandle(h -> h.createQuery("SELECT path, content FROM submission_files WHERE submission_id = :id")
                        .bind("id", id)
                        .setMapKeyColumn("path")
                        .setMapValueColumn("content")
                        .collectInto(new org.jdbi.v3.core.generic.GenericType<Map<String, String>>() {}));
        assertThat(stored).containsOnlyKeys("kadai/assignments/conv/ConvOps.java");
    }

    @Test
    void unknownAssignmentIsNotFound() throws IOException {
        HttpResponse<String> r = student().submitApi("nope", Part.text("ConvOps.java", RIGHT));
        assertThat(r.statusCode()).isEqualTo(404);
        assertThat(json(r).get("message").asText()).contains("nope");
    }
}
