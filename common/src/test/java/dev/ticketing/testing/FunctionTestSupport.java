package dev.ticketing.testing;

import org.junit.jupiter.api.BeforeEach;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.data.mongodb.core.MongoTemplate;

/**
 * What every {@link FunctionTest} starts from: empty databases, an empty {@link #sink}, and an
 * {@link #api} on the function's random port. A subclass's own {@code @BeforeEach} runs after this
 * one's, so it can add its data (and clear the sink again).
 */
public abstract class FunctionTestSupport {

    @LocalServerPort
    protected int port;
    @Autowired
    protected MongoTemplate mongo;

    protected final EventSink sink = EventSink.shared();
    protected HttpApi api;

    @BeforeEach
    protected void startFromEmpty() {
        api = new HttpApi(port);
        Databases.clear(mongo);
        sink.clear();
    }

    /** The {@code Cookie} header of a signed-in {@code userId}, whose email is {@code <userId>@test.com}. */
    protected static String cookie(String userId) {
        return TestTokens.cookie(TestTokens.valid(userId, userId + "@test.com"));
    }
}
