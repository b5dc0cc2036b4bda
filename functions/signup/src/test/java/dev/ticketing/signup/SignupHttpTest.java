package dev.ticketing.signup;

import static org.assertj.core.api.Assertions.assertThat;

import dev.ticketing.event.UserCreated;
import dev.ticketing.event.UserUpdated;
import dev.ticketing.testing.EventSink;
import dev.ticketing.testing.FunctionTest;
import dev.ticketing.testing.FunctionTestSupport;
import dev.ticketing.testing.HttpApi;
import dev.ticketing.testing.HttpApi.Response;
import dev.ticketing.testing.TestTokens;
import java.util.ArrayList;
import org.bson.Document;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.data.redis.core.RedisCallback;
import org.springframework.data.redis.core.StringRedisTemplate;

/** "Email in use" and wrong current passwords are allowed 3 times per account here. */
@FunctionTest(properties = {"ticketing.test.redis=true", "ticketing.throttle.sign-up.per-account=3",
        "ticketing.throttle.password-check.per-account=3"})
class SignupHttpTest extends FunctionTestSupport {

    @Autowired
    StringRedisTemplate redis;

    @BeforeEach
    void forgetFailures() {
        redis.execute((RedisCallback<Object>) connection -> {
            connection.serverCommands().flushDb();
            return null;
        });
    }

    Response signup(String email, String password) {
        return api.post("/api/users/signup", "{\"email\":\"" + email + "\",\"password\":\"" + password + "\"}");
    }

    @Test
    void signsUpAndSetsSessionCookie() {
        Response response = signup("test@test.com", "password");

        assertThat(response.status()).isEqualTo(201);
        assertThat(response.json().get("email").asString()).isEqualTo("test@test.com");
        assertThat(response.json().get("id").asString()).hasSize(24);
        assertThat(response.json().has("password")).isFalse();
        assertThat(response.json().has("passwordHash")).isFalse();
        String setCookie = response.header("set-cookie");
        assertThat(setCookie).startsWith("session=").contains("HttpOnly").contains("SameSite=Lax").contains("Secure")
                .contains("Path=/");
    }

    @Test
    void publishesUserCreated() {
        String id = signup("Test@Test.com", "password").json().get("id").asString();

        EventSink.Received event = sink.await(UserCreated.TYPE);
        assertThat(event.source()).isEqualTo("/functions/signup");
        assertThat(event.subject()).isEqualTo(id);
        assertThat(event.header("ce-partitionkey")).isEqualTo(id);
        assertThat(event.header("ce-specversion")).isEqualTo("1.0");
        assertThat(event.id()).isNotBlank();
        assertThat(event.header("ce-time")).isNotBlank();
        assertThat(event.body()).isEqualTo("{\"id\":\"" + id + "\",\"email\":\"test@test.com\",\"version\":0}");
        Document stored = mongo.getCollection("accounts").find().first();
        assertThat(stored.getList("outbox", Object.class)).isEmpty();
        assertThat(stored.get("version")).isEqualTo(0L);
    }

    @Test
    void rejectsInvalidEmailWithField() {
        Response response = signup("alskdflaskjfd", "password");

        assertThat(response.status()).isEqualTo(400);
        assertThat(response.json().get("errors").get(0).get("message").asString()).isEqualTo("Email must be valid");
        assertThat(response.json().get("errors").get(0).get("field").asString()).isEqualTo("email");
        assertThat(mongo.getCollection("accounts").countDocuments()).isZero();
    }

    @Test
    void rejectsPasswordsUnder8OrOver64CharactersOrOver72BytesWithoutTrimming() {
        Response tooShort = signup("test@test.com", "pass123");
        assertThat(tooShort.status()).isEqualTo(400);
        assertThat(tooShort.errorMessage()).isEqualTo("Password must be between 8 and 64 characters");
        Response tooLong = signup("test@test.com", "p".repeat(65));
        assertThat(tooLong.status()).isEqualTo(400);
        assertThat(tooLong.errorMessage()).isEqualTo("Password must be between 8 and 64 characters");
        assertThat(tooLong.json().get("errors").get(0).get("field").asString()).isEqualTo("password");
        Response tooManyBytes = signup("test@test.com", "\u00e9".repeat(37));
        assertThat(tooManyBytes.status()).isEqualTo(400);
        assertThat(tooManyBytes.errorMessage())
                .isEqualTo("Password must be at most 72 bytes in UTF-8 (use fewer non-ASCII characters)");
        assertThat(mongo.getCollection("accounts").countDocuments()).isZero();

        assertThat(signup("test@test.com", "   seven").status()).isEqualTo(201); // 8 characters as typed
        assertThat(signup("long@test.com", "p".repeat(64)).status()).isEqualTo(201);
    }

    @Test
    void rejectsMissingEmailAndPassword() {
        Response response = api.post("/api/users/signup", "{}");
        assertThat(response.status()).isEqualTo(400);
        assertThat(response.json().get("errors")).hasSize(2);
    }

    @Test
    void rejectsDuplicateEmailCaseInsensitively() {
        assertThat(signup("test@test.com", "password").status()).isEqualTo(201);

        Response again = signup("TEST@test.com", "password");

        assertThat(again.status()).isEqualTo(400);
        assertThat(again.errorMessage()).isEqualTo("Email in use");
    }

    @Test
    void concurrentSignupsWithOneEmailCreateOneAccount() throws Exception {
        ExecutorService pool = Executors.newFixedThreadPool(8);
        List<Callable<Integer>> calls = new ArrayList<>();
        for (int i = 0; i < 8; i++) {
            calls.add(() -> signup("race@test.com", "password").status());
        }
        List<Integer> statuses = new ArrayList<>();
        for (Future<Integer> f : pool.invokeAll(calls)) {
            statuses.add(f.get());
        }
        pool.shutdown();

        assertThat(statuses).containsOnlyOnce(201);
        // refused as "Email in use", or as too many attempts once those were counted
        assertThat(statuses.stream().filter(s -> s == 400 || s == 429)).hasSize(7);
        assertThat(mongo.getCollection("accounts").countDocuments()).isEqualTo(1);
    }

    @Test
    void storesOnlyASlowSaltedHash() {
        signup("a@test.com", "password");
        signup("b@test.com", "password");

        List<String> hashes = new ArrayList<>();
        mongo.getCollection("accounts").find().forEach(d -> hashes.add(d.getString("passwordHash")));
        assertThat(hashes).hasSize(2).allMatch(h -> h.startsWith("$2a$10$")).doesNotHaveDuplicates();
        assertThat(sink.received()).noneMatch(e -> e.body().contains("password") || e.body().contains("$2a$"));
    }

    @Test
    void rejectsMalformedJsonAndWrongTypes() {
        assertThat(api.post("/api/users/signup", "{not json").status()).isEqualTo(400);
        assertThat(api.post("/api/users/signup", "{\"email\":[1],\"password\":{}}").status()).isEqualTo(400);
        assertThat(api.post("/api/users/signup", "").status()).isEqualTo(400);
    }

    @Test
    void rejectsOversizedBodyWith413() {
        Response response = signup("test@test.com", "x".repeat(100_000));
        assertThat(response.status()).isEqualTo(413);
        assertThat(response.json().get("errors")).isNotNull();
    }

    @Test
    void answersUnknownRoutesWith404InErrorFormat() {
        Response get = api.get("/api/nothing/here");
        assertThat(get.status()).isEqualTo(404);
        assertThat(get.errorMessage()).isEqualTo("Not Found");
        Response post = api.post("/api/users/nothing", "{}");
        assertThat(post.status()).isEqualTo(404);
        assertThat(post.errorMessage()).isEqualTo("Not Found");
    }

    /** {@code func invoke} (plain JSON at the service root) is the route {@code POST /api/users/signup}. */
    @Test
    void signsUpFromPlainJsonSentToTheServiceRootAsTheRouteDoes() {
        Response response = api.post("/", "{\"email\":\"root@test.com\",\"password\":\"password\"}");
        Response again = api.post("/", "{\"email\":\"root@test.com\",\"password\":\"password\"}");
        Response event = api.binaryEvent("/", HttpApi.newId(), UserCreated.TYPE, "/test",
                "{\"email\":\"x@test.com\",\"password\":\"password\"}");

        assertThat(response.status()).isEqualTo(201);
        assertThat(response.json().get("email").asString()).isEqualTo("root@test.com");
        assertThat(response.sessionCookie()).startsWith("session=");
        assertThat(again.status()).isEqualTo(400);
        assertThat(again.errorMessage()).isEqualTo("Email in use");
        assertThat(event.status()).as("no function of signup consumes user.created").isEqualTo(400);
        assertThat(mongo.getCollection("accounts").countDocuments()).isEqualTo(1);
    }

    @Test
    void doesNotExposeHttpFunctionsAsEventEndpoints() {
        Response response = api.binaryEvent("/signup", HttpApi.newId(), UserCreated.TYPE, "/test",
                "{\"email\":\"x@test.com\",\"password\":\"password\"}");
        assertThat(response.status()).isEqualTo(404);
        assertThat(mongo.getCollection("accounts").countDocuments()).isZero();
    }

    @Test
    void changesPasswordAndPublishesUserUpdated() {
        Response created = signup("test@test.com", "password");
        String cookie = created.sessionCookie();

        Response changed = api.put("/api/users/currentuser",
                "{\"currentPassword\":\"password\",\"password\":\"new password\"}", "Cookie", cookie);

        assertThat(changed.status()).isEqualTo(200);
        EventSink.Received event = sink.await(UserUpdated.TYPE);
        assertThat(event.body()).contains("\"version\":1");
        Document stored = mongo.getCollection("accounts").find().first();
        assertThat(stored.get("version")).isEqualTo(1L);
    }

    @Test
    void refusesPasswordChangeWithWrongCurrentPasswordOrSignedOut() {
        String cookie = signup("test@test.com", "password").sessionCookie();

        Response wrong = api.put("/api/users/currentuser", "{\"currentPassword\":\"nope\",\"password\":\"new password\"}",
                "Cookie", cookie);
        assertThat(wrong.status()).isEqualTo(400);
        assertThat(wrong.errorMessage()).isEqualTo("Invalid credentials");

        Response signedOut = api.put("/api/users/currentuser",
                "{\"currentPassword\":\"password\",\"password\":\"new password\"}");
        assertThat(signedOut.status()).isEqualTo(401);
        assertThat(signedOut.errorMessage()).isEqualTo("Not authorized");

        Response badToken = api.put("/api/users/currentuser",
                "{\"currentPassword\":\"password\",\"password\":\"new password\"}",
                "Authorization", "Bearer " + TestTokens.algNone("000000000000000000000000", "test@test.com"));
        assertThat(badToken.status()).isEqualTo(401);
    }

    @Test
    void throttlesSignupsOfAnEmailInUseWith429AndRetryAfter() {
        assertThat(signup("test@test.com", "password").status()).isEqualTo(201);
        for (int i = 0; i < 3; i++) {
            assertThat(signup("test@test.com", "password").errorMessage()).isEqualTo("Email in use");
        }

        Response refused = signup("Test@test.com", "password");

        assertThat(refused.status()).isEqualTo(429);
        assertThat(Long.parseLong(refused.header("retry-after"))).isPositive();
        assertThat(refused.errorMessage()).startsWith("Too many attempts: try again in ");
        assertThat(signup("fresh@test.com", "password").status()).isEqualTo(201);
    }

    @Test
    void throttlesWrongCurrentPasswordsEvenWhenTheRightOneComesNext() {
        String cookie = signup("test@test.com", "password").sessionCookie();
        for (int i = 0; i < 3; i++) {
            assertThat(api.put("/api/users/currentuser", "{\"currentPassword\":\"guess " + i
                    + "\",\"password\":\"new password\"}", "Cookie", cookie).status()).isEqualTo(400);
        }

        Response refused = api.put("/api/users/currentuser",
                "{\"currentPassword\":\"password\",\"password\":\"new password\"}", "Cookie", cookie);

        assertThat(refused.status()).isEqualTo(429);
        assertThat(refused.header("retry-after")).isNotBlank();
        assertThat(mongo.getCollection("accounts").find().first().get("version")).isEqualTo(0L);
    }

    @Test
    void deliversAnEventOwedAfterAFailedPublishOnTheNextRelayTick() {
        sink.failNext(1);
        String id = signup("test@test.com", "password").json().get("id").asString();
        assertThat(sink.ofType(UserCreated.TYPE)).isEmpty();
        assertThat(mongo.getCollection("accounts").find().first().getList("outbox", Object.class)).hasSize(1);

        Response tick = api.binaryEvent("/relayOutbox", HttpApi.newId(), "dev.knative.sources.ping",
                "/apis/v1/namespaces/ticketing/pingsources/relay", "{}");

        assertThat(tick.status()).isEqualTo(202);
        assertThat(tick.headers().keySet()).noneMatch(h -> h.startsWith("ce-"));
        assertThat(sink.await(UserCreated.TYPE).subject()).isEqualTo(id);
        assertThat(mongo.getCollection("accounts").find().first().getList("outbox", Object.class)).isEmpty();
    }

    @Test
    void relayTickAcceptsStructuredMode() {
        Response tick = api.structuredEvent("/relayOutbox", HttpApi.newId(), "dev.knative.sources.ping",
                "/apis/v1/namespaces/ticketing/pingsources/relay", "{}");
        assertThat(tick.status()).isEqualTo(202);
    }
}
