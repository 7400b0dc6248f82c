import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The load of bench/expiry/run.sh.
 * <pre>
 *   java ExpiryLoad.java seed <port> <key> <grants> <wallets> <lead seconds> <clients>
 *       opens the wallets, then credits them with grants that expire in one minute starting lead seconds after the
 *       seeding began (one grant every 1/grants of that minute); prints that minute's start
 *   java ExpiryLoad.java credits <port> <key> <clients> <stop file>
 *       credits (without expiry) from each client on a wallet of its own until the stop file exists; prints
 *       "count p50 p99 max errors" (ms)
 * </pre>
 */
public class ExpiryLoad {

    private static final HttpClient HTTP = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
    private static final Pattern ID = Pattern.compile("\"id\"\\s*:\\s*\"([^\"]+)\"");

    public static void main(String[] args) throws Exception {
        int port = Integer.parseInt(args[1]);
        String key = args[2];
        if (args[0].equals("seed")) {
            seed(port, key, Integer.parseInt(args[3]), Integer.parseInt(args[4]), Integer.parseInt(args[5]),
                    Integer.parseInt(args[6]));
        } else {
            credits(port, key, Integer.parseInt(args[3]), Path.of(args[4]));
        }
    }

    private static void seed(int port, String key, int grants, int walletCount, int leadSeconds, int clients)
            throws Exception {
        Instant minute = Instant.now().plusSeconds(leadSeconds).truncatedTo(ChronoUnit.SECONDS);
        List<String> wallets = wallets(port, key, walletCount, clients);
        AtomicLong next = new AtomicLong();
        AtomicLong errors = new AtomicLong();
        ExecutorService pool = Executors.newFixedThreadPool(clients);
        for (int c = 0; c < clients; c++) {
            pool.submit(() -> {
                for (long i = next.getAndIncrement(); i < grants; i = next.getAndIncrement()) {
                    Instant expiresAt = minute.plusMillis(i * 60_000 / grants);
                    HttpResponse<String> response = post(port, key, "/v1/wallets/" + wallets.get((int) (i
                            % wallets.size())) + "/credits", "{\"amount\": \"1.00\", \"reason\": \"promotional\", "
                            + "\"expires_at\": \"" + expiresAt + "\"}");
                    if (response.statusCode() != 201 && errors.incrementAndGet() <= 3) {
                        System.err.println("HTTP " + response.statusCode() + ": " + response.body());
                    }
                }
                return null;
            });
        }
        pool.shutdown();
        pool.awaitTermination(1, TimeUnit.HOURS);
        if (errors.get() > 0) {
            throw new IllegalStateException(errors.get() + " grants failed");
        }
        System.out.println(minute);
    }

    private static void credits(int port, String key, int clients, Path stop) throws Exception {
        List<String> wallets = wallets(port, key, clients, clients);
        List<long[]> latencies = new ArrayList<>();
        int[] counts = new int[clients];
        AtomicLong errors = new AtomicLong();
        List<Thread> threads = new ArrayList<>();
        for (int c = 0; c < clients; c++) {
            int client = c;
            long[] nanos = new long[1_000_000];
            latencies.add(nanos);
            Thread thread = new Thread(() -> {
                while (!Files.exists(stop)) {
                    long start = System.nanoTime();
                    HttpResponse<String> response = post(port, key, "/v1/wallets/" + wallets.get(client)
                            + "/credits", "{\"amount\": \"1.00\", \"reason\": \"prepayment\"}");
                    long elapsed = System.nanoTime() - start;
                    if (response.statusCode() != 201) {
                        errors.incrementAndGet();
                    } else if (counts[client] < nanos.length) {
                        nanos[counts[client]++] = elapsed;
                    }
                }
            });
            threads.add(thread);
            thread.start();
        }
        for (Thread thread : threads) {
            thread.join();
        }
        long[] all = new long[Arrays.stream(counts).sum()];
        int at = 0;
        for (int c = 0; c < clients; c++) {
            System.arraycopy(latencies.get(c), 0, all, at, counts[c]);
            at += counts[c];
        }
        Arrays.sort(all);
        System.out.printf("%d %.1f %.1f %.1f %d%n", all.length, percentile(all, 0.5), percentile(all, 0.99),
                all.length == 0 ? 0.0 : all[all.length - 1] / 1e6, errors.get());
    }

    private static double percentile(long[] sorted, double p) {
        return sorted.length == 0 ? 0 : sorted[Math.min(sorted.length - 1, (int) Math.ceil(p * sorted.length) - 1)]
                / 1e6;
    }

    private static List<String> wallets(int port, String key, int count, int clients) throws Exception {
        String run = Long.toString(System.nanoTime(), 36);
        String[] wallets = new String[count];
        ExecutorService pool = Executors.newFixedThreadPool(clients);
        for (int i = 0; i < count; i++) {
            int index = i;
            pool.submit(() -> {
                String customer = id(post(port, key, "/v1/customers",
                        "{\"customer_name\": \"Expiry " + run + " " + index + "\"}"));
                wallets[index] = id(post(port, key, "/v1/customers/" + customer + "/wallets",
                        "{\"currency\": \"USD\"}"));
                return null;
            });
        }
        pool.shutdown();
        pool.awaitTermination(1, TimeUnit.HOURS);
        return List.of(wallets);
    }

    private static String id(HttpResponse<String> response) {
        Matcher matcher = ID.matcher(response.body());
        if (response.statusCode() != 201 || !matcher.find()) {
            throw new IllegalStateException("HTTP " + response.statusCode() + ": " + response.body());
        }
        return matcher.group(1);
    }

    private static HttpResponse<String> post(int port, String key, String path, String body) {
        try {
            return HTTP.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + path))
                    .timeout(Duration.ofSeconds(30)).header("Authorization", "Bearer " + key)
                    .header("Content-Type", "application/json").POST(HttpRequest.BodyPublishers.ofString(body))
                    .build(), HttpResponse.BodyHandlers.ofString());
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }
}
