import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The client half of {@code bench/grading-load.sh}: logs in to a running Kadai server as staff,
 * issues an API token, submits the same files N times over HTTP (at once, or one after the
 * other) and reports how long grading took on the server side (graded_at - received_at of each
 * submission, from the status API) and at the client, graded per minute, and the peak resident
 * memory of the server process and of everything it started (runners, compile server).
 *
 * <p>Runs with the JDK alone ({@code java bench/GradingLoad.java ...}), so it works against any
 * build of the server, old or new.
 *
 * <pre>
 * java GradingLoad.java --url http://localhost:7070 --user sensei --password kadai-instructor
 *     --assignment conv --mode burst|sequential --count N [--server-pid PID] [--label TEXT] FILE...
 * </pre>
 */
public final class GradingLoad {

    private static final Pattern FIELD = Pattern.compile("\"(\\w+)\"\\s*:\\s*(\"([^\"]*)\"|[-\\w.]+)");

    private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(20))
            .version(HttpClient.Version.HTTP_1_1).build();
    private final String base;
    private String token;

    private GradingLoad(String base) {
        this.base = base.endsWith("/") ? base.substring(0, base.length() - 1) : base;
    }

    public static void main(String[] args) throws Exception {
        Map<String, String> options = new java.util.HashMap<>();
        List<Path> files = new ArrayList<>();
        for (int i = 0; i < args.length; i++) {
            if (args[i].startsWith("--")) {
                options.put(args[i].substring(2), args[++i]);
            } else {
                files.add(Path.of(args[i]));
            }
        }
        GradingLoad load = new GradingLoad(options.getOrDefault("url", "http://localhost:7070"));
        load.login(options.getOrDefault("user", "sensei"), options.getOrDefault("password", "kadai-instructor"));
        String assignment = options.getOrDefault("assignment", "conv");
        int count = Integer.parseInt(options.getOrDefault("count", "1"));
        String mode = options.getOrDefault("mode", count == 1 ? "sequential" : "burst");
        long serverPid = Long.parseLong(options.getOrDefault("server-pid", "-1"));
        String label = options.getOrDefault("label", "");
        int warmup = Integer.parseInt(options.getOrDefault("warmup", "1"));
        byte[] body = multipart(files);


        List<Long> firstIds = new ArrayList<>();
        MemorySampler memory = new MemorySampler(serverPid);
        Thread sampler = new Thread(memory, "memory-sampler");
        sampler.setDaemon(true);
        sampler.start();
        for (int i = 0; i < warmup; i++) {
            long id = load.submit(assignment, body);
            firstIds.add(id);
            Map<String, String> done = load.await(List.of(id), 50, Duration.ofMinutes(10)).get(id);
            System.out.printf(Locale.ROOT, "%s warm-up submission #%d: %s in %.2f s (server side)%n", label, id,
                    done.get("status"), seconds(done.get("receivedAt"), done.get("gradedAt")));
        }

        double ownBefore = MemorySampler.cpuTicks(serverPid, false) / 100.0;
        memory.takeBaseline();
        long start = System.nanoTime();
        List<Long> ids = new ArrayList<>();
        List<Double> clientSeconds = new ArrayList<>();
        Map<Long, Map<String, String>> finished = new ConcurrentHashMap<>();
        if (mode.equals("sequential")) {
            for (int i = 0; i < count; i++) {
                long t0 = System.nanoTime();
                long id = load.submit(assignment, body);
                ids.add(id);
                finished.putAll(load.await(List.of(id), 100, Duration.ofMinutes(10)));
                clientSeconds.add((System.nanoTime() - t0) / 1e9);
            }
        } else {
            List<CompletableFuture<Long>> uploads = new ArrayList<>();
            for (int i = 0; i < count; i++) {
                uploads.add(CompletableFuture.supplyAsync(() -> {
                    try {
                        return load.submit(assignment, body);
                    } catch (IOException | InterruptedException e) {
                        throw new IllegalStateException(e);
                    }
                }, runnable -> new Thread(runnable).start()));
            }
            for (CompletableFuture<Long> upload : uploads) {
                ids.add(upload.join());
            }
            double uploaded = (System.nanoTime() - start) / 1e9;
            System.out.printf(Locale.ROOT, "%s %d uploads accepted in %.2f s%n", label, ids.size(), uploaded);
            finished.putAll(load.await(ids, 500, Duration.ofMinutes(60)));
        }
        double wall = (System.nanoTime() - start) / 1e9;
        double own = MemorySampler.cpuTicks(serverPid, false) / 100.0 - ownBefore;
        double children = memory.childSeconds();
        double cpu = own + children;
        memory.stop();
        sampler.join(2000);
        report(label, mode, ids, finished, clientSeconds, wall, memory);
        if (serverPid > 0) {
            System.out.printf(Locale.ROOT, "%s RESULT CPU of the server and its processes: %.1f s in all, %.2f s per"
                    + " submission (server JVM %.2f s, runners and compilers %.2f s; load average now %s)%n", label,
                    cpu, cpu / Math.max(1, ids.size()), own / Math.max(1, ids.size()),
                    (cpu - own) / Math.max(1, ids.size()), Files.readString(Path.of("/proc/loadavg")).trim());
        }
    }

    private static void report(String label, String mode, List<Long> ids, Map<Long, Map<String, String>> finished,
                               List<Double> clientSeconds, double wall, MemorySampler memory) {
        List<Double> latency = new ArrayList<>();
        List<Double> queued = new ArrayList<>();
        Instant first = null;
        Instant last = null;
        int graded = 0;
        int full = 0;
        for (long id : ids) {
            Map<String, String> s = finished.get(id);
            if (s == null || !"GRADED".equals(s.get("status"))) {
                continue;
            }
            graded++;
            if (s.get("score") != null && s.get("maxScore") != null
                    && Double.parseDouble(s.get("score")) >= Double.parseDouble(s.get("maxScore")) - 1e-9) {
                full++;
            }
            Instant received = Instant.parse(s.get("receivedAt"));
            Instant done = Instant.parse(s.get("gradedAt"));
            latency.add(seconds(s.get("receivedAt"), s.get("gradedAt")));
            if (s.get("startedAt") != null) {
                queued.add(seconds(s.get("receivedAt"), s.get("startedAt")));
            }
            first = first == null || received.isBefore(first) ? received : first;
            last = last == null || done.isAfter(last) ? done : last;
        }
        double span = first == null ? 0 : Duration.between(first, last).toNanos() / 1e9;
        StringBuilder out = new StringBuilder();
        out.append(String.format(Locale.ROOT, "%s RESULT mode=%s n=%d graded=%d full_marks=%d lost=%d%n", label, mode,
                ids.size(), graded, full, ids.size() - graded));
        out.append(String.format(Locale.ROOT,
                "%s RESULT server-side upload->result: p50 %.2f s, p95 %.2f s, max %.2f s (queue wait p50 %.2f s)%n",
                label, percentile(latency, 50), percentile(latency, 95), percentile(latency, 100),
                percentile(queued, 50)));
        if (!clientSeconds.isEmpty()) {
            out.append(String.format(Locale.ROOT, "%s RESULT client upload->seen graded: p50 %.2f s, p95 %.2f s%n",
                    label, percentile(clientSeconds, 50), percentile(clientSeconds, 95)));
        }
        out.append(String.format(Locale.ROOT,
                "%s RESULT first received -> last graded: %.1f s; %.1f graded/min; client wall %.1f s%n", label, span,
                span == 0 ? 0 : graded / span * 60, wall));
        if (memory.pid > 0) {
            out.append(String.format(Locale.ROOT,
                    "%s RESULT peak RSS: server JVM %.0f MiB (VmHWM), server + its processes %.0f MiB (sampled)%n",
                    label, memory.serverHwm() / 1048576.0, memory.peakTotal / 1048576.0));
        }
        System.out.print(out);
    }

    private static double seconds(String from, String to) {
        return Duration.between(Instant.parse(from), Instant.parse(to)).toNanos() / 1e9;
    }

    static double percentile(List<Double> values, double p) {
        if (values.isEmpty()) {
            return Double.NaN;
        }
        List<Double> sorted = new ArrayList<>(values);
        Collections.sort(sorted);
        int rank = (int) Math.ceil(p / 100.0 * sorted.size()); // nearest-rank
        return sorted.get(Math.max(0, Math.min(sorted.size() - 1, rank - 1)));
    }

    /** Log in through the login form, then issue an API token on the account page. */
    private void login(String user, String password) throws IOException, InterruptedException {
        HttpResponse<String> page = http.send(HttpRequest.newBuilder(URI.create(base + "/login")).GET().build(),
                HttpResponse.BodyHandlers.ofString());
        String cookies = cookies(page, "");
        String csrf = hidden(page.body(), "_csrf");
        HttpResponse<String> login = http.send(HttpRequest.newBuilder(URI.create(base + "/login"))
                .header("Content-Type", "application/x-www-form-urlencoded").header("Cookie", cookies)
                .POST(form("username", user, "password", password, "_csrf", csrf, "next", "/account")).build(),
                HttpResponse.BodyHandlers.ofString());
        cookies = cookies(login, cookies);
        if (!cookies.contains("kadai_session=")) {
            throw new IllegalStateException("login as " + user + " failed: HTTP " + login.statusCode());
        }
        HttpResponse<String> account = http.send(HttpRequest.newBuilder(URI.create(base + "/account"))
                .header("Cookie", cookies).GET().build(), HttpResponse.BodyHandlers.ofString());
        String sessionCsrf = hidden(account.body(), "_csrf");
        HttpResponse<String> issued = http.send(HttpRequest.newBuilder(URI.create(base + "/account/tokens"))
                .header("Content-Type", "application/x-www-form-urlencoded").header("Cookie", cookies)
                .POST(form("label", "grading-load", "_csrf", sessionCsrf)).build(),
                HttpResponse.BodyHandlers.ofString());
        Matcher m = Pattern.compile("id=\"new-token\">([^<]+)<").matcher(issued.body());
        if (!m.find()) {
            throw new IllegalStateException("no API token issued: HTTP " + issued.statusCode());
        }
        token = m.group(1).trim();
    }

    private long submit(String assignment, byte[] body) throws IOException, InterruptedException {
        HttpResponse<String> created = http.send(HttpRequest.newBuilder(
                        URI.create(base + "/api/assignments/" + assignment + "/submissions"))
                .header("Authorization", "Bearer " + token)
                .header("Content-Type", "multipart/form-data; boundary=" + BOUNDARY)
                .POST(HttpRequest.BodyPublishers.ofByteArray(body)).build(), HttpResponse.BodyHandlers.ofString());
        if (created.statusCode() != 201) {
            throw new IllegalStateException("submission refused: HTTP " + created.statusCode() + " " + created.body());
        }
        return Long.parseLong(fields(created.body()).get("id"));
    }

    /**
     * Poll until every submission is GRADED or FAILED; returns their last status. The times
     * reported come from the server's own timestamps, so polling only has to be light: each
     * round asks about pending submissions in order until one is still unfinished (the queue
     * is roughly first come, first served), at most 5 a round, so that a burst of 200 is not
     * measured under 200 status requests every round.
     */
    private Map<Long, Map<String, String>> await(List<Long> ids, long pollMillis, Duration timeout)
            throws IOException, InterruptedException {
        Map<Long, Map<String, String>> done = new ConcurrentHashMap<>();
        long deadline = System.nanoTime() + timeout.toNanos();
        List<Long> pending = new ArrayList<>(ids);
        while (!pending.isEmpty() && System.nanoTime() < deadline) {
            int asked = 0;
            for (java.util.Iterator<Long> it = pending.iterator(); it.hasNext() && asked < 5; asked++) {
                long id = it.next();
                HttpResponse<String> r = http.send(HttpRequest.newBuilder(URI.create(base + "/api/submissions/" + id))
                        .header("Authorization", "Bearer " + token).GET().build(), HttpResponse.BodyHandlers.ofString());
                Map<String, String> status = fields(r.body());
                if ("GRADED".equals(status.get("status")) || "FAILED".equals(status.get("status"))) {
                    done.put(id, status);
                    it.remove();
                } else {
                    break;
                }
            }
            if (!pending.isEmpty()) {
                Thread.sleep(pollMillis);
            }
        }
        return done;
    }

    private static Map<String, String> fields(String json) {
        Map<String, String> out = new java.util.HashMap<>();
        Matcher m = FIELD.matcher(json);
        while (m.find()) {
            out.put(m.group(1), m.group(3) != null ? m.group(3) : "null".equals(m.group(2)) ? null : m.group(2));
        }
        return out;
    }

    private static final String BOUNDARY = "kadai-load-" + UUID.randomUUID();

    private static byte[] multipart(List<Path> files) throws IOException {
        ByteArrayOutputStream body = new ByteArrayOutputStream();
        for (Path file : files) {
            body.write(("--" + BOUNDARY + "\r\nContent-Disposition: form-data; name=\"files\"; filename=\""
                    + file.getFileName() + "\"\r\nContent-Type: application/octet-stream\r\n\r\n")
                    .getBytes(StandardCharsets.UTF_8));
            body.write(Files.readAllBytes(file));
            body.write("\r\n".getBytes(StandardCharsets.UTF_8));
        }
        body.write(("--" + BOUNDARY + "--\r\n").getBytes(StandardCharsets.UTF_8));
        return body.toByteArray();
    }

    private static HttpRequest.BodyPublisher form(String... pairs) {
        StringBuilder sb = new StringBuilder();
        for (int i = 0; i < pairs.length; i += 2) {
            sb.append(i == 0 ? "" : "&").append(pairs[i]).append('=')
                    .append(URLEncoder.encode(pairs[i + 1], StandardCharsets.UTF_8));
        }
        return HttpRequest.BodyPublishers.ofString(sb.toString());
    }

    private static String hidden(String html, String name) {
        Matcher m = Pattern.compile("name=\"" + name + "\" value=\"([^\"]*)\"").matcher(html);
        if (!m.find()) {
            throw new IllegalStateException("no hidden field " + name + " on the page");
        }
        return m.group(1);
    }

    /** Merge the response's Set-Cookie values into a Cookie header. */
    private static String cookies(HttpResponse<?> response, String previous) {
        Map<String, String> jar = new java.util.LinkedHashMap<>();
        for (String c : previous.split("; ")) {
            int eq = c.indexOf('=');
            if (eq > 0) {
                jar.put(c.substring(0, eq), c.substring(eq + 1));
            }
        }
        for (String set : response.headers().allValues("Set-Cookie")) {
            String pair = set.split(";", 2)[0];
            int eq = pair.indexOf('=');
            if (eq > 0) {
                jar.put(pair.substring(0, eq), pair.substring(eq + 1));
            }
        }
        StringBuilder sb = new StringBuilder();
        jar.forEach((k, v) -> sb.append(sb.length() == 0 ? "" : "; ").append(k).append('=').append(v));
        return sb.toString();
    }

    /** Sample the resident memory of the server and of all its descendants (runners) every 200 ms. */
    static final class MemorySampler implements Runnable {
        final long pid;
        volatile boolean running = true;
        volatile long peakTotal;

        MemorySampler(long pid) {
            this.pid = pid;
        }

        /** CPU ticks of each descendant when first and last seen (a killed runner's time reaches no parent). */
        final Map<Long, long[]> childTicks = new ConcurrentHashMap<>();
        volatile boolean baselineTaken;

        /** From now on, count what the descendants spend: those alive from their current time, new ones from 0. */
        void takeBaseline() {
            ProcessHandle.of(pid).ifPresent(server -> server.descendants().forEach(p -> {
                long ticks = cpuTicks(p.pid(), false);
                childTicks.put(p.pid(), new long[] {ticks, ticks});
            }));
            childTicks.keySet().retainAll(ProcessHandle.of(pid).map(h -> h.descendants().map(ProcessHandle::pid)
                    .collect(java.util.stream.Collectors.toSet())).orElse(java.util.Set.of()));
            baselineTaken = true;
        }

        @Override
        public void run() {
            while (running && pid > 0) {
                long total = rss(pid);
                ProcessHandle server = ProcessHandle.of(pid).orElse(null);
                if (server != null) {
                    for (ProcessHandle p : server.descendants().toList()) {
                        total += rss(p.pid());
                        long ticks = cpuTicks(p.pid(), false);
                        // a process started after the baseline is counted from its start
                        long first = baselineTaken ? 0 : ticks;
                        childTicks.computeIfAbsent(p.pid(), k -> new long[] {first, ticks})[1] = ticks;
                    }
                }
                peakTotal = Math.max(peakTotal, total);
                try {
                    Thread.sleep(200);
                } catch (InterruptedException e) {
                    return;
                }
            }
        }

        void stop() {
            running = false;
        }

        /** CPU seconds the descendants spent while sampled (up to a sampling interval per process is missed). */
        double childSeconds() {
            return childTicks.values().stream().mapToLong(t -> t[1] - t[0]).sum() / 100.0;
        }

        long serverHwm() {
            return statusField(pid, "VmHWM:");
        }

        static long cpuTicks(long pid, boolean withReaped) {
            try {
                String stat = Files.readString(Path.of("/proc/" + pid + "/stat"));
                String[] f = stat.substring(stat.lastIndexOf(')') + 2).split(" ");
                // fields 14-17 of proc(5): utime stime cutime cstime; f[0] is field 3
                long own = Long.parseLong(f[11]) + Long.parseLong(f[12]);
                return withReaped ? own + Long.parseLong(f[13]) + Long.parseLong(f[14]) : own;
            } catch (IOException | RuntimeException e) {
                return 0;
            }
        }

        static long rss(long pid) {
            return statusField(pid, "VmRSS:");
        }

        static long statusField(long pid, String field) {
            try {
                for (String line : Files.readAllLines(Path.of("/proc/" + pid + "/status"))) {
                    if (line.startsWith(field)) {
                        return Long.parseLong(line.substring(field.length()).trim().split("\\s+")[0]) * 1024;
                    }
                }
            } catch (IOException | RuntimeException e) {
                // the process ended between listing and reading
            }
            return 0;
        }
    }
}
