import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Does a credit cost more on a wallet with a long history? Credits a fresh wallet and a wallet with N prior
 * transactions (seeded by run.sh), alternating, and compares their median latencies in the same run.
 *
 * Usage: java WalletHistoryBench.java <base-url> <api-key> <fresh-wallet> <history-wallet> <samples>
 */
public class WalletHistoryBench {

    private static final HttpClient HTTP = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
    private static final Pattern ID = Pattern.compile("\"id\":\"([^\"]+)\"");

    public static void main(String[] args) throws Exception {
        String base = args[0];
        String key = args[1];
        if (args.length == 3) {
            // Setup mode: a customer and a wallet, printed as ids for run.sh.
            String customer = id(post(base, key, "/v1/customers", "{\"customer_name\": \"Bench " + args[2] + "\"}"));
            System.out.println(customer + " " + id(post(base, key, "/v1/customers/" + customer + "/wallets",
                    "{\"currency\": \"USD\"}")));
            return;
        }
        String fresh = args[2];
        String history = args[3];
        int samples = Integer.parseInt(args[4]);
        int warmUp = Math.max(20, samples / 10);
        for (int i = 0; i < warmUp; i++) {
            credit(base, key, fresh);
            credit(base, key, history);
        }
        List<Long> freshNanos = new ArrayList<>();
        List<Long> historyNanos = new ArrayList<>();
        for (int i = 0; i < samples; i++) {
            freshNanos.add(credit(base, key, fresh));
            historyNanos.add(credit(base, key, history));
        }
        double freshMedian = median(freshNanos) / 1e6;
        double historyMedian = median(historyNanos) / 1e6;
        double ratio = historyMedian / freshMedian;
        System.out.printf("credit on a fresh wallet:          median %.2f ms, p99 %.2f ms (%d samples)%n",
                freshMedian, percentile(freshNanos, 0.99) / 1e6, samples);
        System.out.printf("credit on a wallet with history:   median %.2f ms, p99 %.2f ms (%d samples)%n",
                historyMedian, percentile(historyNanos, 0.99) / 1e6, samples);
        System.out.printf("ratio history/fresh (target <= 1.5): %.2f%n", ratio);
        System.exit(ratio <= 1.5 ? 0 : 1);
    }

    private static long credit(String base, String key, String wallet) throws IOException, InterruptedException {
        long start = System.nanoTime();
        HttpResponse<String> response = post(base, key, "/v1/wallets/" + wallet + "/credits",
                "{\"amount\": \"1.00\", \"reason\": \"promotional\"}");
        long elapsed = System.nanoTime() - start;
        if (response.statusCode() != 201) {
            throw new IllegalStateException("Credit failed: " + response.statusCode() + " " + response.body());
        }
        return elapsed;
    }

    private static HttpResponse<String> post(String base, String key, String path, String body)
            throws IOException, InterruptedException {
        return HTTP.send(HttpRequest.newBuilder(URI.create(base + path))
                .header("Authorization", "Bearer " + key)
                .header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(body)).build(), HttpResponse.BodyHandlers.ofString());
    }

    private static String id(HttpResponse<String> response) {
        Matcher matcher = ID.matcher(response.body());
        if (response.statusCode() != 201 || !matcher.find()) {
            throw new IllegalStateException("Unexpected response " + response.statusCode() + ": " + response.body());
        }
        return matcher.group(1);
    }

    private static double median(List<Long> values) {
        return percentile(values, 0.5);
    }

    private static double percentile(List<Long> values, double quantile) {
        List<Long> sorted = new ArrayList<>(values);
        Collections.sort(sorted);
        return sorted.get((int) Math.min(sorted.size() - 1, Math.floor(quantile * sorted.size())));
    }
}
