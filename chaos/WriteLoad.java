import java.io.FileWriter;
import java.io.IOException;
import java.io.PrintWriter;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.atomic.AtomicLong;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Steady write load for the chaos scripts: THREADS clients alternate wallet credits and customer creations, each with
 * its own Idempotency-Key, and retry a request with the same key until it is acknowledged (2xx) or refused (4xx),
 * whatever happens to the app or the database meanwhile. Every acknowledgement is logged as
 * {@code <kind> <idempotency key> <id>} (credit: transaction id, customer: customer id) to the ack file, flushed at
 * once. At the end prints counts per outcome and, for failures, the status codes, content types and the slowest one.
 *
 * Usage: java WriteLoad.java <base-url> <api-key> <wallet ids, comma separated> <threads> <seconds> <ack file>
 */
public class WriteLoad {

    private static final Pattern ID = Pattern.compile("\"id\":\"([^\"]+)\"");
    private static final HttpClient HTTP = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();

    public static void main(String[] args) throws Exception {
        String base = args[0];
        String key = args[1];
        String[] wallets = args[2].split(",");
        int threads = Integer.parseInt(args[3]);
        long end = System.nanoTime() + Long.parseLong(args[4]) * 1_000_000_000L;
        String run = Long.toString(System.currentTimeMillis(), 36);
        Map<String, AtomicLong> outcomes = new ConcurrentHashMap<>();
        AtomicLong slowestFailureMillis = new AtomicLong();
        try (PrintWriter acks = new PrintWriter(new FileWriter(args[5], true), true)) {
            List<Thread> workers = new ArrayList<>();
            for (int t = 0; t < threads; t++) {
                int thread = t;
                Thread worker = new Thread(() -> {
                    for (long n = 0; System.nanoTime() < end; n++) {
                        boolean credit = n % 2 == 0;
                        String idempotencyKey = run + "-" + thread + "-" + n;
                        String path = credit ? "/v1/wallets/" + wallets[ThreadLocalRandom.current().nextInt(wallets.length)] + "/credits"
                                : "/v1/customers";
                        String body = credit ? "{\"amount\": \"1.00\", \"reason\": \"promotional\"}"
                                : "{\"customer_name\": \"Chaos " + idempotencyKey + "\", \"external_id\": \"" + idempotencyKey + "\"}";
                        // Retried with the same key until the app answers for sure, even past the end of the run.
                        for (long deadline = end + 120_000_000_000L; System.nanoTime() < deadline; ) {
                            long start = System.nanoTime();
                            String outcome;
                            try {
                                HttpResponse<String> response = HTTP.send(HttpRequest.newBuilder(URI.create(base + path))
                                        .timeout(Duration.ofSeconds(15))
                                        .header("Authorization", "Bearer " + key)
                                        .header("Content-Type", "application/json")
                                        .header("Idempotency-Key", idempotencyKey)
                                        .POST(HttpRequest.BodyPublishers.ofString(body)).build(),
                                        HttpResponse.BodyHandlers.ofString());
                                int status = response.statusCode();
                                outcome = status + " " + response.headers().firstValue("Content-Type").orElse("-");
                                if (status >= 200 && status < 300) {
                                    Matcher id = ID.matcher(response.body());
                                    id.find();
                                    acks.println((credit ? "credit " : "customer ") + idempotencyKey + " " + id.group(1));
                                    count(outcomes, "acknowledged");
                                    break;
                                }
                                if (status >= 400 && status < 500 && status != 409) {
                                    count(outcomes, "refused " + outcome + " " + response.body());
                                    break;
                                }
                            } catch (IOException e) {
                                outcome = "no response (" + e.getClass().getSimpleName() + ")";
                            } catch (InterruptedException e) {
                                return;
                            }
                            long millis = (System.nanoTime() - start) / 1_000_000;
                            count(outcomes, "retried after " + outcome);
                            slowestFailureMillis.accumulateAndGet(millis, Math::max);
                            sleep(200);
                        }
                    }
                });
                workers.add(worker);
                worker.start();
            }
            for (Thread worker : workers) {
                worker.join();
            }
        }
        outcomes.forEach((outcome, count) -> System.out.println("  " + count + " x " + outcome));
        System.out.println("  slowest failed attempt: " + slowestFailureMillis.get() + " ms");
    }

    private static void count(Map<String, AtomicLong> outcomes, String outcome) {
        outcomes.computeIfAbsent(outcome.length() > 160 ? outcome.substring(0, 160) : outcome, k -> new AtomicLong())
                .incrementAndGet();
    }

    private static void sleep(long millis) {
        try {
            Thread.sleep(millis);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
