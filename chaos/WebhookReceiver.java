import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;

import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;
import java.io.FileWriter;
import java.io.IOException;
import java.io.PrintWriter;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.time.Instant;
import java.util.Base64;
import java.util.concurrent.Executors;
import java.util.concurrent.ThreadLocalRandom;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A webhook receiver for the chaos script and the webhooks benchmark, on the loopback: verifies each request's
 * signature the way the Standard Webhooks specification tells receivers to (written from its text, not from
 * Billfold's sender), answers 500 to a random share of the valid ones, and writes one line per request to a file:
 * {@code <webhook-id> <ms from the event's occurred_at to its arrival> <accepted|rejected|invalid> <arrival, epoch ms>}.
 *
 * Usage: java chaos/WebhookReceiver.java <port> <whsec_ secret> <share failed, 0..1> <output file>
 * It stops by itself after four hours.
 */
public class WebhookReceiver {

    private static final Pattern OCCURRED_AT = Pattern.compile("\"occurred_at\":\"([^\"]+)\"");

    public static void main(String[] args) throws Exception {
        int port = Integer.parseInt(args[0]);
        byte[] key = Base64.getDecoder().decode(args[1].substring("whsec_".length()));
        double failShare = Double.parseDouble(args[2]);
        PrintWriter out = new PrintWriter(new FileWriter(args[3], true), true);
        HttpServer server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), port), 1000);
        server.createContext("/", exchange -> handle(exchange, key, failShare, out));
        server.setExecutor(Executors.newFixedThreadPool(32));
        server.start();
        Thread.sleep(4 * 3600 * 1000L);
        server.stop(0);
        System.exit(0);
    }

    private static void handle(HttpExchange exchange, byte[] key, double failShare, PrintWriter out)
            throws IOException {
        long arrived = System.currentTimeMillis();
        byte[] body = exchange.getRequestBody().readAllBytes();
        String id = exchange.getRequestHeaders().getFirst("webhook-id");
        String timestamp = exchange.getRequestHeaders().getFirst("webhook-timestamp");
        String signatures = exchange.getRequestHeaders().getFirst("webhook-signature");
        String payload = new String(body, StandardCharsets.UTF_8);
        boolean valid = verify(key, id, timestamp, signatures, payload);
        Matcher occurred = OCCURRED_AT.matcher(payload);
        long latency = occurred.find() ? arrived - Instant.parse(occurred.group(1)).toEpochMilli() : -1;
        boolean fail = valid && ThreadLocalRandom.current().nextDouble() < failShare;
        int status = !valid ? 400 : fail ? 500 : 204;
        synchronized (out) {
            out.println(id + " " + latency + " " + (!valid ? "invalid" : fail ? "rejected" : "accepted") + " " + arrived);
        }
        exchange.sendResponseHeaders(status, -1);
        exchange.close();
    }

    /** Signed content {@code id.timestamp.payload}, HMAC-SHA256, base64; any of the {@code v1,} signatures may match. */
    private static boolean verify(byte[] key, String id, String timestamp, String signatures, String payload) {
        if (id == null || timestamp == null || signatures == null) {
            return false;
        }
        try {
            Mac mac = Mac.getInstance("HmacSHA256");
            mac.init(new SecretKeySpec(key, "HmacSHA256"));
            byte[] expected = Base64.getEncoder().encode(
                    mac.doFinal((id + "." + timestamp + "." + payload).getBytes(StandardCharsets.UTF_8)));
            for (String signature : signatures.split(" ")) {
                if (signature.startsWith("v1,") && MessageDigest.isEqual(expected,
                        signature.substring(3).getBytes(StandardCharsets.US_ASCII))) {
                    return true;
                }
            }
            return false;
        } catch (java.security.GeneralSecurityException e) {
            throw new IllegalStateException(e);
        }
    }
}
