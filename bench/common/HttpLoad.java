import java.io.BufferedInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.atomic.AtomicLong;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A load client for the throughput benchmarks: N threads, each with one keep-alive HTTP/1.1 connection (TCP_NODELAY,
 * every request written in one piece, so neither Nagle nor delayed ACKs of the client shape the figures), sending
 * requests back to back for a fixed time after a warm-up (WARMUP_SECONDS). Prints one line: requests/s, p50, p99, max
 * (ms), errors, requests, app CPU ms per request, PostgreSQL CPU ms per request.
 *
 * Usage:
 *   java HttpLoad.java credits   <host> <port> <api-key> <clients> <seconds> [pid]   credits, one wallet per client
 *   java HttpLoad.java customers <host> <port> <api-key> <clients> <seconds> [pid]   creations with unique emails
 * With the app's pid, also prints the CPU time the app used per measured request (from /proc, Linux): unlike
 * throughput, it hardly depends on what else the machine is running.
 *   java HttpLoad.java get       <host> <port> <api-key> <samples> <path>...   sequential GETs, p50/p99 per path
 *   java HttpLoad.java lag <host> <command-port> <query-port> <api-key> <per-second> <seconds>
 *       credits offered at a fixed rate (open loop: each one is due at its own instant, whether or not earlier ones
 *       are done) to a command node; after each acknowledgement a GET of the wallet on the query node with
 *       Billfold-Await-Position: the time from acknowledgement to that answer is the lag. Prints achieved rate,
 *       command p50/p99, lag p50/p99/max (ms), answers still not caught up after the wait limit, errors.
 */
public class HttpLoad {

    private static final Pattern ID = Pattern.compile("\"id\":\"([^\"]+)\"");

    /** CREDIT_DESCRIPTION=<text> gives every credit a description: personal data, stored encrypted. */
    private static final String CREDIT_BODY = System.getenv("CREDIT_DESCRIPTION") == null
            ? "{\"amount\": \"1.00\", \"reason\": \"promotional\"}"
            : "{\"amount\": \"1.00\", \"reason\": \"promotional\", \"description\": \""
            + System.getenv("CREDIT_DESCRIPTION") + "\"}";

    public static void main(String[] args) throws Exception {
        String mode = args[0];
        String host = args[1];
        int port = Integer.parseInt(args[2]);
        String key = args[3];
        if (mode.equals("get")) {
            int samples = Integer.parseInt(args[4]);
            String[] paths = Arrays.copyOfRange(args, 5, args.length);
            try (Connection connection = new Connection(host, port, key)) {
                // Every path as often as it is measured, first: the JIT compiles the whole query path (and the GC
                // settles) before anything is measured, not only before the paths measured last.
                for (String path : paths) {
                    for (int i = 0; i < samples; i++) {
                        connection.expect(200, "GET", path, null);
                    }
                }
                for (String path : paths) {
                    long[] nanos = new long[samples];
                    for (int i = 0; i < samples; i++) {
                        long start = System.nanoTime();
                        connection.expect(200, "GET", path, null);
                        nanos[i] = System.nanoTime() - start;
                    }
                    Arrays.sort(nanos);
                    System.out.printf(Locale.ROOT, "%.3f %.3f %s%n", nanos[samples / 2] / 1e6,
                            nanos[(int) (samples * 0.99)] / 1e6, path);
                }
            }
            return;
        }
        if (mode.equals("lag")) {
            lag(host, port, Integer.parseInt(args[3]), args[4], Integer.parseInt(args[5]), Integer.parseInt(args[6]));
            return;
        }
        int clients = Integer.parseInt(args[4]);
        int seconds = Integer.parseInt(args[5]);
        String run = Long.toString(System.currentTimeMillis(), 36);
        List<String> wallets = new ArrayList<>();
        if (mode.equals("credits")) {
            try (Connection setup = new Connection(host, port, key)) {
                for (int i = 0; i < clients; i++) {
                    String customer = id(setup.expect(201, "POST", "/v1/customers",
                            "{\"customer_name\": \"Bench " + run + " " + i + "\"}"));
                    wallets.add(id(setup.expect(201, "POST", "/v1/customers/" + customer + "/wallets",
                            "{\"currency\": \"USD\"}")));
                }
            }
        }
        long warmUpEnd = System.nanoTime() + warmUpSeconds(seconds) * 1_000_000_000L;
        long end = warmUpEnd + seconds * 1_000_000_000L;
        AtomicLong errors = new AtomicLong();
        List<long[]> latencies = new ArrayList<>();
        List<Thread> threads = new ArrayList<>();
        int[] counts = new int[clients];
        for (int c = 0; c < clients; c++) {
            int client = c;
            long[] nanos = new long[2_000_000];
            latencies.add(nanos);
            Thread thread = new Thread(() -> {
                try (Connection connection = new Connection(host, port, key)) {
                    for (long n = 0; ; n++) {
                        long start = System.nanoTime();
                        if (start > end) {
                            return;
                        }
                        Response response = mode.equals("credits")
                                ? connection.send("POST", "/v1/wallets/" + wallets.get(client) + "/credits",
                                CREDIT_BODY)
                                : connection.send("POST", "/v1/customers", "{\"customer_name\": \"Bench " + run
                                + " " + client + " " + n + "\", \"email\": \"b-" + run + "-" + client + "-" + n
                                + "@bench.example\", \"external_id\": \"" + run + "-" + client + "-" + n + "\"}");
                        long elapsed = System.nanoTime() - start;
                        if (start < warmUpEnd) {
                            continue;
                        }
                        if (response.status() != 201) {
                            if (errors.incrementAndGet() <= 3) {
                                System.err.println("HTTP " + response.status() + ": " + response.body());
                            }
                        } else if (counts[client] < nanos.length) {
                            nanos[counts[client]++] = elapsed;
                        }
                    }
                } catch (IOException e) {
                    errors.incrementAndGet();
                    System.err.println("client " + client + " failed: " + e);
                }
            });
            threads.add(thread);
            thread.start();
        }
        long pid = args.length > 6 ? Long.parseLong(args[6]) : -1;
        sleepUntil(warmUpEnd);
        long cpuAtStart = cpuMillis(pid);
        long databaseCpuAtStart = databaseCpuMillis();
        for (Thread thread : threads) {
            thread.join();
        }
        long cpuUsed = cpuMillis(pid) - cpuAtStart;
        long databaseCpuUsed = databaseCpuMillis() - databaseCpuAtStart;
        int total = Arrays.stream(counts).sum();
        long[] all = new long[total];
        int at = 0;
        for (int c = 0; c < clients; c++) {
            System.arraycopy(latencies.get(c), 0, all, at, counts[c]);
            at += counts[c];
        }
        Arrays.sort(all);
        System.out.printf(Locale.ROOT, "%.1f %.2f %.2f %.2f %d %d %.2f %.2f%n", total / (double) seconds,
                all[total / 2] / 1e6, all[(int) (total * 0.99)] / 1e6, all[total - 1] / 1e6, errors.get(), total,
                pid < 0 ? Double.NaN : cpuUsed / (double) total, databaseCpuUsed / (double) total);
    }

    /** WARMUP_SECONDS, else a third of the measured time, between 3 and 10 s. */
    private static int warmUpSeconds(int measuredSeconds) {
        String configured = System.getenv("WARMUP_SECONDS");
        return configured != null ? Integer.parseInt(configured) : Math.min(10, Math.max(3, measuredSeconds / 3));
    }

    private static void lag(String host, int commandPort, int queryPort, String key, int perSecond, int seconds)
            throws Exception {
        int walletCount = 64;
        List<String> wallets = new ArrayList<>();
        try (Connection setup = new Connection(host, commandPort, key)) {
            for (int i = 0; i < walletCount; i++) {
                String customer = id(setup.expect(201, "POST", "/v1/customers", "{\"customer_name\": \"Lag " + i + "\"}"));
                wallets.add(id(setup.expect(201, "POST", "/v1/customers/" + customer + "/wallets",
                        "{\"currency\": \"USD\"}")));
            }
        }
        int warmUpSeconds = warmUpSeconds(seconds);
        long total = (long) perSecond * (warmUpSeconds + seconds);
        long measuredFrom = (long) perSecond * warmUpSeconds;
        long start = System.nanoTime() + 200_000_000L;
        long interval = 1_000_000_000L / perSecond;
        java.util.concurrent.atomic.AtomicLong next = new java.util.concurrent.atomic.AtomicLong();
        AtomicLong errors = new AtomicLong();
        AtomicLong notCaughtUp = new AtomicLong();
        long[] commandNanos = new long[(int) (total - measuredFrom)];
        long[] lagNanos = new long[commandNanos.length];
        java.util.concurrent.atomic.AtomicLong lastAck = new java.util.concurrent.atomic.AtomicLong();
        List<Thread> threads = new ArrayList<>();
        for (int t = 0; t < 96; t++) {
            Thread thread = new Thread(() -> {
                try (Connection command = new Connection(host, commandPort, key);
                     Connection query = new Connection(host, queryPort, key)) {
                    for (long n = next.getAndIncrement(); n < total; n = next.getAndIncrement()) {
                        sleepUntil(start + n * interval);
                        String wallet = wallets.get((int) (n % walletCount));
                        long sent = System.nanoTime();
                        Response credit = command.send("POST", "/v1/wallets/" + wallet + "/credits",
                                CREDIT_BODY);
                        long acknowledged = System.nanoTime();
                        if (credit.status() != 201) {
                            if (errors.incrementAndGet() <= 3) {
                                System.err.println("credit: HTTP " + credit.status() + ": " + credit.body());
                            }
                            continue;
                        }
                        Response read = query.send("GET", "/v1/wallets/" + wallet, null,
                                "Billfold-Await-Position: " + credit.header("Billfold-Position"));
                        long visible = System.nanoTime();
                        lastAck.accumulateAndGet(acknowledged, Math::max);
                        if (read.status() == 503) {
                            notCaughtUp.incrementAndGet();
                        } else if (read.status() != 200 && errors.incrementAndGet() <= 3) {
                            System.err.println("read: HTTP " + read.status() + ": " + read.body());
                        }
                        if (n >= measuredFrom) {
                            commandNanos[(int) (n - measuredFrom)] = acknowledged - sent;
                            lagNanos[(int) (n - measuredFrom)] = visible - acknowledged;
                        }
                    }
                } catch (IOException | InterruptedException e) {
                    errors.incrementAndGet();
                    System.err.println("client failed: " + e);
                }
            });
            threads.add(thread);
            thread.start();
        }
        for (Thread thread : threads) {
            thread.join();
        }
        double achieved = (total - measuredFrom) / ((lastAck.get() - (start + measuredFrom * interval)) / 1e9);
        Arrays.sort(commandNanos);
        Arrays.sort(lagNanos);
        int count = lagNanos.length;
        System.out.printf(Locale.ROOT, "%.1f %.2f %.2f %.2f %.2f %.2f %d %d%n", achieved,
                commandNanos[count / 2] / 1e6, commandNanos[(int) (count * 0.99)] / 1e6,
                lagNanos[count / 2] / 1e6, lagNanos[(int) (count * 0.99)] / 1e6, lagNanos[count - 1] / 1e6,
                notCaughtUp.get(), errors.get());
    }

    /** User plus system CPU time of a process, in milliseconds (clock ticks of 10 ms), or 0 without one. */
    private static long cpuMillis(long pid) throws IOException {
        if (pid < 0) {
            return 0;
        }
        return cpuMillis(java.nio.file.Path.of("/proc/" + pid + "/stat"));
    }

    private static long cpuMillis(java.nio.file.Path stat) throws IOException {
        String line = java.nio.file.Files.readString(stat);
        String[] fields = line.substring(line.lastIndexOf(')') + 2).split(" ");
        return (Long.parseLong(fields[11]) + Long.parseLong(fields[12])) * 10;
    }

    /**
     * CPU time of every PostgreSQL process on this machine (server, backends, WAL writer, checkpointer): what the
     * database itself spends, the part of a request no application code can remove.
     */
    private static long databaseCpuMillis() throws IOException {
        long total = 0;
        try (var processes = java.nio.file.Files.newDirectoryStream(java.nio.file.Path.of("/proc"), "[0-9]*")) {
            for (java.nio.file.Path process : processes) {
                try {
                    if (java.nio.file.Files.readString(process.resolve("comm")).trim().equals("postgres")) {
                        total += cpuMillis(process.resolve("stat"));
                    }
                } catch (IOException ended) {
                    // The process ended between the listing and the read.
                }
            }
        }
        return total;
    }

    private static void sleepUntil(long nanoTime) throws InterruptedException {
        long wait = nanoTime - System.nanoTime();
        if (wait > 0) {
            Thread.sleep(wait / 1_000_000, (int) (wait % 1_000_000));
        }
    }

    private static String id(Response response) {
        Matcher matcher = ID.matcher(response.body());
        if (!matcher.find()) {
            throw new IllegalStateException("No id in " + response.body());
        }
        return matcher.group(1);
    }

    record Response(int status, String body, java.util.Map<String, String> headers) {
        String header(String name) {
            return headers.get(name.toLowerCase(Locale.ROOT));
        }
    }

    /**
     * One keep-alive HTTP/1.1 connection; Content-Length and chunked responses. Opens a new one when the server closes
     * it (Tomcat does after 100 requests).
     */
    static final class Connection implements AutoCloseable {
        private final String host;
        private final int port;
        private final String key;
        private Socket socket;
        private InputStream in;
        private OutputStream out;

        Connection(String host, int port, String key) throws IOException {
            this.host = host;
            this.port = port;
            this.key = key;
            connect();
        }

        private void connect() throws IOException {
            socket = new Socket(host, port);
            socket.setTcpNoDelay(true);
            in = new BufferedInputStream(socket.getInputStream(), 65536);
            out = socket.getOutputStream();
        }

        Response expect(int status, String method, String path, String body) throws IOException {
            Response response = send(method, path, body);
            if (response.status() != status) {
                throw new IllegalStateException(method + " " + path + ": " + response.status() + " " + response.body());
            }
            return response;
        }

        Response send(String method, String path, String body, String... headerLines) throws IOException {
            byte[] payload = body == null ? new byte[0] : body.getBytes(StandardCharsets.UTF_8);
            StringBuilder head = new StringBuilder(method).append(' ').append(path).append(" HTTP/1.1\r\nHost: ")
                    .append(host).append("\r\nAuthorization: Bearer ").append(key).append("\r\n");
            for (String headerLine : headerLines) {
                head.append(headerLine).append("\r\n");
            }
            if (body != null) {
                head.append("Content-Type: application/json\r\nContent-Length: ").append(payload.length).append("\r\n");
            }
            head.append("\r\n");
            byte[] headBytes = head.toString().getBytes(StandardCharsets.UTF_8);
            byte[] request = Arrays.copyOf(headBytes, headBytes.length + payload.length);
            System.arraycopy(payload, 0, request, headBytes.length, payload.length);
            out.write(request);
            out.flush();
            String statusLine = line();
            int status = Integer.parseInt(statusLine.substring(9, 12));
            int length = -1;
            boolean chunked = false;
            boolean close = false;
            java.util.Map<String, String> headers = new java.util.HashMap<>();
            for (String header = line(); !header.isEmpty(); header = line()) {
                String lower = header.toLowerCase(Locale.ROOT);
                int colon = header.indexOf(':');
                if (colon > 0) {
                    headers.put(lower.substring(0, colon).strip(), header.substring(colon + 1).strip());
                }
                if (lower.startsWith("content-length:")) {
                    length = Integer.parseInt(lower.substring(15).strip());
                } else if (lower.startsWith("transfer-encoding:") && lower.contains("chunked")) {
                    chunked = true;
                } else if (lower.startsWith("connection:") && lower.contains("close")) {
                    close = true;
                }
            }
            ByteArrayOutputStream content = new ByteArrayOutputStream();
            if (chunked) {
                for (int size = Integer.parseInt(line().strip(), 16); size > 0; size = Integer.parseInt(line().strip(), 16)) {
                    content.write(in.readNBytes(size));
                    line();
                }
                line();
            } else if (length > 0) {
                content.write(in.readNBytes(length));
            }
            if (close) {
                socket.close();
                connect();
            }
            return new Response(status, content.toString(StandardCharsets.UTF_8), headers);
        }

        private String line() throws IOException {
            StringBuilder line = new StringBuilder();
            for (int b = in.read(); b != '\n'; b = in.read()) {
                if (b < 0) {
                    throw new IOException("Connection closed");
                }
                if (b != '\r') {
                    line.append((char) b);
                }
            }
            return line.toString();
        }

        @Override
        public void close() throws IOException {
            socket.close();
        }
    }
}
