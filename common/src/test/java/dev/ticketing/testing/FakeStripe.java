package dev.ticketing.testing;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.security.SecureRandom;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;

/**
 * A real HTTP server on {@code 127.0.0.1} that answers the Stripe API calls the charge function makes,
 * in Stripe's shapes, so the real {@code stripe-java} client can be pointed at it (its API base
 * override, {@code STRIPE_API_BASE}) and no test needs the internet:
 * <ul>
 *   <li>{@code POST /v1/payment_intents}: creates (and, with {@code confirm=true}, confirms) a
 *       PaymentIntent paid with {@code payment_method} or {@code payment_method_data[card][token]}.
 *       Stripe's test cards {@code tok_visa} / {@code pm_card_visa} (and mastercard, amex) succeed;
 *       {@code tok_chargeDeclined} / {@code pm_card_chargeDeclined} are declined with 402 and
 *       Stripe's error JSON ({@code card_error}, "Your card was declined."), as are
 *       {@code ...InsufficientFunds}, {@code ...ExpiredCard}, {@code ...IncorrectCvc}; unknown tokens
 *       and amounts under 50 give 400 {@code invalid_request_error}.</li>
 *   <li>{@code POST /v1/refunds}: refunds a succeeded PaymentIntent ({@code payment_intent}).</li>
 *   <li>{@code GET /v1/payment_intents/{id}}.</li>
 * </ul>
 * Like Stripe, it requires a secret key ({@code sk_...}/{@code rk_...}, bearer or Basic), replays the saved
 * response of an {@code Idempotency-Key} it has seen (header {@code Idempotent-Replayed: true}),
 * refuses a key reused with other parameters ({@code idempotency_error}) or while its first request
 * is still running (409), and saves no result for a 500. {@link #mode} switches it to answer 500, to
 * drop responses after doing the work (the answer is lost on the way back), or to be unreachable.
 *
 * <p>Run as a process (for the local platform): {@code java -cp <common test-jar> dev.ticketing.testing.FakeStripe [port]};
 * it prints its URL. {@code POST /_fake/mode/<normal|server_error|drop_responses>}, {@code POST /_fake/reset}
 * and {@code GET /_fake/payment_intents} control and inspect it over HTTP.
 */
public final class FakeStripe implements AutoCloseable {

    /** How the server answers. */
    public enum Mode {
        /** Like Stripe. */
        NORMAL,
        /** Every API call answers 500 {@code api_error}; nothing is done or saved. */
        SERVER_ERROR,
        /** Every API call is done (and its idempotent result saved), then the connection is closed unanswered. */
        DROP_RESPONSES,
        /** Nothing listens on the port (connection refused). */
        UNREACHABLE
    }

    /** A PaymentIntent as the server holds it. */
    public record PaymentIntent(String id, long amount, String currency, String status, String paymentMethod,
            String charge, String idempotencyKey, Map<String, String> metadata, long amountRefunded) {

        public boolean succeeded() {
            return "succeeded".equals(status);
        }
    }

    /** A refund as the server holds it. */
    public record Refund(String id, String paymentIntent, long amount, String idempotencyKey) {
    }

    /** One API call received: method, path, form parameters, its idempotency key, and the status answered. */
    public record Call(String method, String path, Map<String, String> params, String idempotencyKey, int status,
            boolean replayed) {
    }

    private record Answer(int status, String body) {
    }

    private record Saved(String fingerprint, Answer answer) {
    }

    private static final Set<String> SUCCEEDING = Set.of("visa", "visa_debit", "mastercard", "amex");
    private static final Map<String, String[]> DECLINES = Map.of(
            "chargeDeclined", new String[] {"card_declined", "generic_decline", "Your card was declined."},
            "chargeDeclinedInsufficientFunds",
            new String[] {"card_declined", "insufficient_funds", "Your card has insufficient funds."},
            "chargeDeclinedExpiredCard", new String[] {"expired_card", null, "Your card has expired."},
            "chargeDeclinedIncorrectCvc",
            new String[] {"incorrect_cvc", null, "Your card's security code is incorrect."});
    private static final String ALPHABET = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789";
    private static final SecureRandom RANDOM = new SecureRandom();
    private static FakeStripe shared;

    private final int port;
    private final ExecutorService executor = Executors.newCachedThreadPool(r -> {
        Thread t = new Thread(r, "fake-stripe");
        t.setDaemon(true);
        return t;
    });
    private final Map<String, PaymentIntent> intents = new LinkedHashMap<>();
    private final List<Refund> refunds = new ArrayList<>();
    private final Map<String, Saved> saved = new LinkedHashMap<>();
    private final Set<String> keysInFlight = new HashSet<>();
    private final List<Call> calls = new CopyOnWriteArrayList<>();
    private volatile Mode mode = Mode.NORMAL;
    private volatile Duration delay = Duration.ZERO;
    private HttpServer server;

    private FakeStripe(int port) {
        this.server = listen(port);
        this.port = server.getAddress().getPort();
    }

    /** Starts a server on a free port of {@code 127.0.0.1}. */
    public static FakeStripe start() {
        return start(0);
    }

    /** Starts a server on {@code port} of {@code 127.0.0.1} (0: any free port). */
    public static FakeStripe start(int port) {
        return new FakeStripe(port);
    }

    /** The server shared by every test in this JVM; {@link #reset()} it before each test. */
    public static synchronized FakeStripe shared() {
        if (shared == null) {
            shared = start();
        }
        return shared;
    }

    public static void main(String[] args) {
        int port = args.length > 0 ? Integer.parseInt(args[0]) : 0;
        FakeStripe stripe = new FakeStripe(port);
        Runtime.getRuntime().addShutdownHook(new Thread(stripe::close));
        System.out.println("FakeStripe listening on " + stripe.url());
        System.out.flush();
        // the server's dispatcher thread keeps the JVM running
    }

    /** The API base to give stripe-java: {@code http://127.0.0.1:<port>}. */
    public String url() {
        return "http://127.0.0.1:" + port;
    }

    public int port() {
        return port;
    }

    /** Forgets every PaymentIntent, refund, idempotency key and call; back to {@link Mode#NORMAL}, no delay. */
    public synchronized void reset() {
        intents.clear();
        refunds.clear();
        saved.clear();
        calls.clear();
        delay = Duration.ZERO;
        mode(Mode.NORMAL);
    }

    /** Switches how the server answers from now on. */
    public synchronized void mode(Mode next) {
        if (next == Mode.UNREACHABLE && server != null) {
            server.stop(0);
            server = null;
        } else if (next != Mode.UNREACHABLE && server == null) {
            server = listen(port);
        }
        mode = next;
    }

    public Mode mode() {
        return mode;
    }

    /** Waits this long before answering each API call (to hold requests in flight). */
    public void delay(Duration delay) {
        this.delay = delay;
    }

    public synchronized List<PaymentIntent> paymentIntents() {
        return List.copyOf(intents.values());
    }

    /** The PaymentIntents that took money. */
    public synchronized List<PaymentIntent> succeededPayments() {
        return intents.values().stream().filter(PaymentIntent::succeeded).toList();
    }

    public synchronized List<Refund> refunds() {
        return List.copyOf(refunds);
    }

    public List<Call> calls() {
        return List.copyOf(calls);
    }

    @Override
    public synchronized void close() {
        if (server != null) {
            server.stop(0);
            server = null;
        }
        executor.shutdownNow();
    }

    private HttpServer listen(int onPort) {
        try {
            HttpServer created = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), onPort), 50);
            created.createContext("/", this::handle);
            created.setExecutor(executor);
            created.start();
            return created;
        } catch (IOException e) {
            throw new UncheckedIOException("FakeStripe could not listen on port " + onPort, e);
        }
    }

    private void handle(HttpExchange exchange) throws IOException {
        try (exchange) {
            String method = exchange.getRequestMethod().toUpperCase(Locale.ROOT);
            String path = exchange.getRequestURI().getPath();
            byte[] raw = exchange.getRequestBody().readAllBytes();
            if (path.startsWith("/_fake/")) {
                respond(exchange, control(method, path), false);
                return;
            }
            Map<String, String> params = form(new String(raw, StandardCharsets.UTF_8));
            if (exchange.getRequestURI().getRawQuery() != null) {
                params.putAll(form(exchange.getRequestURI().getRawQuery()));
            }
            String key = exchange.getRequestHeaders().getFirst("Idempotency-Key");
            if (!authorized(exchange.getRequestHeaders().getFirst("Authorization"))) {
                Answer answer = error(401, "invalid_request_error", null, null,
                        "Invalid API Key provided. Send your secret key as a bearer token.", null);
                record(method, path, params, key, answer, false);
                respond(exchange, answer, false);
                return;
            }
            if (mode == Mode.SERVER_ERROR) {
                Answer answer = error(500, "api_error", null, null,
                        "An unknown error occurred while processing your request.", null);
                record(method, path, params, key, answer, false);
                respond(exchange, answer, false);
                return;
            }
            Mode modeNow = mode;
            Answer answer;
            boolean replayed = false;
            String fingerprint = method + " " + path + " " + new TreeMap<>(params);
            synchronized (this) {
                Saved previous = key == null ? null : saved.get(key);
                if (previous != null && !previous.fingerprint().equals(fingerprint)) {
                    answer = error(400, "idempotency_error", null, null, "Keys for idempotent requests can only be "
                            + "used with the same parameters they were first used with. Try using a key other than '"
                            + key + "' if you meant to execute a different request.", null);
                } else if (previous != null) {
                    answer = previous.answer();
                    replayed = true;
                } else if (key != null && !keysInFlight.add(key)) {
                    answer = error(409, "idempotency_error", null, null, "There is currently another in-progress "
                            + "request using this Idempotent Key (that probably means you submitted twice, and the "
                            + "other request is still going through): " + key + ". Please try again later.", null);
                } else {
                    answer = null;
                }
            }
            if (answer == null) {
                try {
                    sleep(delay);
                    synchronized (this) {
                        answer = route(method, path, params, key);
                        if (key != null && answer.status() != 500) {
                            saved.put(key, new Saved(fingerprint, answer));
                        }
                    }
                } finally {
                    synchronized (this) {
                        keysInFlight.remove(key);
                    }
                }
            }
            record(method, path, params, key, answer, replayed);
            if (modeNow == Mode.DROP_RESPONSES) {
                return; // closing the exchange unanswered closes the connection: the answer is lost
            }
            respond(exchange, answer, replayed);
        }
    }

    private Answer route(String method, String path, Map<String, String> params, String key) {
        if (method.equals("POST") && path.equals("/v1/payment_intents")) {
            return createPaymentIntent(params, key);
        }
        if (method.equals("POST") && path.equals("/v1/refunds")) {
            return createRefund(params, key);
        }
        if (method.equals("GET") && path.startsWith("/v1/payment_intents/")) {
            PaymentIntent intent = intents.get(path.substring("/v1/payment_intents/".length()));
            return intent == null
                    ? error(404, "invalid_request_error", "resource_missing", null,
                            "No such payment_intent: '" + path.substring(path.lastIndexOf('/') + 1) + "'", "id")
                    : new Answer(200, Json.write(intentJson(intent, null)));
        }
        return error(404, "invalid_request_error", null, null,
                "Unrecognized request URL (" + method + ": " + path + ").", null);
    }

    private Answer createPaymentIntent(Map<String, String> params, String key) {
        Long amount = number(params.get("amount"));
        String currency = params.get("currency");
        if (amount == null) {
            return error(400, "invalid_request_error", "parameter_missing", null, "Missing required param: amount.",
                    "amount");
        }
        if (currency == null || currency.isBlank()) {
            return error(400, "invalid_request_error", "parameter_missing", null, "Missing required param: currency.",
                    "currency");
        }
        if (amount < 50) {
            return error(400, "invalid_request_error", "amount_too_small", null,
                    "Amount must be at least $0.50 " + currency, "amount");
        }
        String token = params.get("payment_method_data[card][token]");
        String paymentMethod = params.get("payment_method");
        String card;
        String param;
        if (paymentMethod != null) {
            card = paymentMethod.startsWith("pm_card_") ? paymentMethod.substring("pm_card_".length()) : null;
            param = "payment_method";
        } else if (token != null) {
            card = token.startsWith("tok_") ? token.substring("tok_".length()) : null;
            param = "payment_method_data[card][token]";
        } else {
            card = null;
            param = null;
        }
        boolean confirm = "true".equals(params.get("confirm"));
        if (param == null && confirm) {
            return error(400, "invalid_request_error", "payment_intent_unexpected_state", null,
                    "You cannot confirm this PaymentIntent because it's missing a payment method.", null);
        }
        if (param != null && (card == null || (!SUCCEEDING.contains(card) && !DECLINES.containsKey(card)))) {
            String given = paymentMethod != null ? paymentMethod : token;
            return error(400, "invalid_request_error", "resource_missing", null,
                    paymentMethod != null ? "No such PaymentMethod: '" + given + "'" : "No such token: '" + given + "'",
                    param);
        }
        Map<String, String> metadata = new TreeMap<>();
        params.forEach((k, v) -> {
            if (k.startsWith("metadata[") && k.endsWith("]")) {
                metadata.put(k.substring("metadata[".length(), k.length() - 1), v);
            }
        });
        String pm = param == null ? null : "pm_" + randomId();
        String[] decline = card == null ? null : DECLINES.get(card);
        String status;
        if (!confirm) {
            status = param == null ? "requires_payment_method" : "requires_confirmation";
        } else {
            status = decline == null ? "succeeded" : "requires_payment_method";
        }
        String charge = confirm ? "ch_" + randomId() : null;
        PaymentIntent intent = new PaymentIntent("pi_" + randomId(), amount, currency.toLowerCase(Locale.ROOT), status,
                pm, charge, key, Map.copyOf(metadata), 0);
        intents.put(intent.id(), intent);
        if (confirm && decline != null) {
            Map<String, Object> lastError = errorBody("card_error", decline[0], decline[1], decline[2], null);
            lastError.put("charge", charge);
            Map<String, Object> body = errorBody("card_error", decline[0], decline[1], decline[2], null);
            body.put("charge", charge);
            body.put("payment_intent", intentJson(intent, lastError));
            return new Answer(402, Json.write(Map.of("error", body)));
        }
        return new Answer(200, Json.write(intentJson(intent, null)));
    }

    private Answer createRefund(Map<String, String> params, String key) {
        String id = params.get("payment_intent");
        if (id == null) {
            return error(400, "invalid_request_error", "parameter_missing", null,
                    "One of the following params should be provided for this request: payment_intent or charge.",
                    null);
        }
        PaymentIntent intent = intents.get(id);
        if (intent == null) {
            return error(400, "invalid_request_error", "resource_missing", null,
                    "No such payment_intent: '" + id + "'", "payment_intent");
        }
        if (!intent.succeeded()) {
            return error(400, "invalid_request_error", "charge_not_refundable", null,
                    "This PaymentIntent (" + id + ") does not have a successful charge to refund.", "payment_intent");
        }
        long remaining = intent.amount() - intent.amountRefunded();
        if (remaining == 0) {
            return error(400, "invalid_request_error", "charge_already_refunded", null,
                    "Charge " + intent.charge() + " has already been refunded.", null);
        }
        Long asked = number(params.get("amount"));
        long amount = asked == null ? remaining : asked;
        if (amount <= 0 || amount > remaining) {
            return error(400, "invalid_request_error", "amount_too_large", null, "Refund amount ($"
                    + dollars(amount) + ") is greater than unrefunded amount on charge ($" + dollars(remaining) + ")",
                    "amount");
        }
        Refund refund = new Refund("re_" + randomId(), id, amount, key);
        refunds.add(refund);
        intents.put(id, new PaymentIntent(intent.id(), intent.amount(), intent.currency(), intent.status(),
                intent.paymentMethod(), intent.charge(), intent.idempotencyKey(), intent.metadata(),
                intent.amountRefunded() + amount));
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("id", refund.id());
        body.put("object", "refund");
        body.put("amount", amount);
        body.put("charge", intent.charge());
        body.put("created", Instant.now().getEpochSecond());
        body.put("currency", intent.currency());
        body.put("metadata", Map.of());
        body.put("payment_intent", id);
        body.put("reason", null);
        body.put("status", "succeeded");
        return new Answer(200, Json.write(body));
    }

    private Answer control(String method, String path) {
        if (method.equals("POST") && path.startsWith("/_fake/mode/")) {
            String name = path.substring("/_fake/mode/".length()).toUpperCase(Locale.ROOT);
            if (!Set.of("NORMAL", "SERVER_ERROR", "DROP_RESPONSES").contains(name)) {
                return new Answer(400, "{\"error\":\"mode is normal, server_error or drop_responses\"}");
            }
            mode(Mode.valueOf(name));
            return new Answer(200, "{\"mode\":\"" + name.toLowerCase(Locale.ROOT) + "\"}");
        }
        if (method.equals("POST") && path.equals("/_fake/reset")) {
            reset();
            return new Answer(200, "{}");
        }
        if (method.equals("GET") && path.equals("/_fake/payment_intents")) {
            List<Object> list = new ArrayList<>();
            for (PaymentIntent intent : paymentIntents()) {
                list.add(intentJson(intent, null));
            }
            return new Answer(200, Json.write(Map.of("data", list)));
        }
        return new Answer(404, "{\"error\":\"unknown control route\"}");
    }

    private static Map<String, Object> intentJson(PaymentIntent intent, Map<String, Object> lastError) {
        Map<String, Object> json = new LinkedHashMap<>();
        json.put("id", intent.id());
        json.put("object", "payment_intent");
        json.put("amount", intent.amount());
        json.put("amount_received", intent.succeeded() ? intent.amount() : 0);
        json.put("capture_method", "automatic");
        json.put("confirmation_method", "automatic");
        json.put("created", Instant.now().getEpochSecond());
        json.put("currency", intent.currency());
        json.put("last_payment_error", lastError);
        json.put("latest_charge", intent.charge());
        json.put("livemode", false);
        json.put("metadata", intent.metadata());
        json.put("payment_method", intent.paymentMethod());
        json.put("payment_method_types", List.of("card"));
        json.put("status", intent.status());
        return json;
    }

    private static Answer error(int status, String type, String code, String declineCode, String message,
            String param) {
        return new Answer(status, Json.write(Map.of("error", errorBody(type, code, declineCode, message, param))));
    }

    private static Map<String, Object> errorBody(String type, String code, String declineCode, String message,
            String param) {
        Map<String, Object> body = new LinkedHashMap<>();
        if (code != null) {
            body.put("code", code);
            body.put("doc_url", "https://stripe.com/docs/error-codes/" + code.replace('_', '-'));
        }
        if (declineCode != null) {
            body.put("decline_code", declineCode);
        }
        body.put("message", message);
        if (param != null) {
            body.put("param", param);
        }
        body.put("type", type);
        return body;
    }

    private void record(String method, String path, Map<String, String> params, String key, Answer answer,
            boolean replayed) {
        calls.add(new Call(method, path, Map.copyOf(params), key, answer.status(), replayed));
    }

    private static void respond(HttpExchange exchange, Answer answer, boolean replayed) throws IOException {
        byte[] body = answer.body().getBytes(StandardCharsets.UTF_8);
        exchange.getResponseHeaders().set("Content-Type", "application/json");
        exchange.getResponseHeaders().set("Request-Id", "req_" + randomId());
        if (replayed) {
            exchange.getResponseHeaders().set("Idempotent-Replayed", "true");
        }
        exchange.sendResponseHeaders(answer.status(), body.length);
        exchange.getResponseBody().write(body);
    }

    /** A secret or restricted key as a bearer token (stripe-java) or a Basic user name ({@code curl -u sk_...:}). */
    private static boolean authorized(String header) {
        String key;
        if (header != null && header.startsWith("Bearer ")) {
            key = header.substring("Bearer ".length()).trim();
        } else if (header != null && header.startsWith("Basic ")) {
            try {
                String user = new String(java.util.Base64.getDecoder().decode(header.substring("Basic ".length()).trim()),
                        StandardCharsets.UTF_8);
                key = user.contains(":") ? user.substring(0, user.indexOf(':')) : user;
            } catch (IllegalArgumentException e) {
                return false;
            }
        } else {
            return false;
        }
        return key.startsWith("sk_") || key.startsWith("rk_");
    }

    /** Decodes {@code application/x-www-form-urlencoded}; keys keep Stripe's brackets ({@code metadata[orderId]}). */
    private static Map<String, String> form(String body) {
        Map<String, String> params = new LinkedHashMap<>();
        if (body == null || body.isBlank()) {
            return params;
        }
        for (String pair : body.split("&")) {
            int eq = pair.indexOf('=');
            String name = URLDecoder.decode(eq < 0 ? pair : pair.substring(0, eq), StandardCharsets.UTF_8);
            String value = eq < 0 ? "" : URLDecoder.decode(pair.substring(eq + 1), StandardCharsets.UTF_8);
            params.put(name, value);
        }
        return params;
    }

    private static Long number(String value) {
        try {
            return value == null ? null : Long.parseLong(value);
        } catch (NumberFormatException e) {
            return null;
        }
    }

    private static String dollars(long cents) {
        return String.format(Locale.ROOT, "%d.%02d", cents / 100, cents % 100);
    }

    private static String randomId() {
        StringBuilder id = new StringBuilder(24);
        for (int i = 0; i < 24; i++) {
            id.append(ALPHABET.charAt(RANDOM.nextInt(ALPHABET.length())));
        }
        return id.toString();
    }

    private static void sleep(Duration duration) {
        if (duration.isZero()) {
            return;
        }
        try {
            Thread.sleep(duration);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    /** Just enough JSON for Stripe's answers: maps, lists, strings, numbers, booleans, null. */
    private static final class Json {

        static String write(Object value) {
            StringBuilder out = new StringBuilder();
            write(value, out);
            return out.toString();
        }

        private static void write(Object value, StringBuilder out) {
            switch (value) {
                case null -> out.append("null");
                case String s -> string(s, out);
                case Number n -> out.append(n);
                case Boolean b -> out.append(b);
                case Map<?, ?> map -> {
                    out.append('{');
                    boolean first = true;
                    for (Map.Entry<?, ?> e : new TreeMap<>(map).entrySet()) {
                        if (!first) {
                            out.append(',');
                        }
                        first = false;
                        string(String.valueOf(e.getKey()), out);
                        out.append(':');
                        write(e.getValue(), out);
                    }
                    out.append('}');
                }
                case List<?> list -> {
                    out.append('[');
                    for (int i = 0; i < list.size(); i++) {
                        if (i > 0) {
                            out.append(',');
                        }
                        write(list.get(i), out);
                    }
                    out.append(']');
                }
                default -> string(value.toString(), out);
            }
        }

        private static void string(String s, StringBuilder out) {
            out.append('"');
            for (char c : s.toCharArray()) {
                switch (c) {
                    case '"' -> out.append("\\\"");
                    case '\\' -> out.append("\\\\");
                    case '\n' -> out.append("\\n");
                    case '\r' -> out.append("\\r");
                    case '\t' -> out.append("\\t");
                    default -> {
                        if (c < 0x20) {
                            out.append(String.format("\\u%04x", (int) c));
                        } else {
                            out.append(c);
                        }
                    }
                }
            }
            out.append('"');
        }
    }
}
