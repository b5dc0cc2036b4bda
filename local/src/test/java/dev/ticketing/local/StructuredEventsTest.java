package dev.ticketing.local;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.File;
import java.net.URI;
import java.net.URL;
import java.net.URLClassLoader;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Structured-mode CloudEvents at the broker's ingress, with the broker loaded as {@code ./run} loads it:
 * by a launcher's class loader (the Spring Boot jar's), while the HTTP server's threads have the system
 * class loader as context class loader, which sees none of the libraries. The ingress closed such
 * requests without an answer.
 */
class StructuredEventsTest {

    @TempDir
    Path dir;

    /** Loads {@link BrokerMain} and its libraries in a class loader of their own, as a jar launcher does. */
    public static void main(String[] args) throws Exception {
        List<URL> urls = new ArrayList<>();
        for (String entry : args[0].split(File.pathSeparator)) {
            urls.add(Path.of(entry).toUri().toURL());
        }
        ClassLoader launched = new URLClassLoader(urls.toArray(URL[]::new), ClassLoader.getPlatformClassLoader());
        Thread.currentThread().setContextClassLoader(launched);
        Class.forName(BrokerMain.class.getName(), true, launched).getMethod("main", String[].class)
                .invoke(null, (Object) new String[] {args[1]});
    }

    /** A broker with no Trigger; prints its ingress URL and runs until killed. */
    public static final class BrokerMain {
        public static void main(String[] args) throws InterruptedException {
            Path dir = Path.of(args[0]);
            SenderIssuer senders = new SenderIssuer();
            Broker broker = new Broker(0, List.of(), name -> null, senders, new DeadLetterLog(dir.resolve("dead.jsonl")),
                    dir, new DeliveryLog(null));
            broker.start();
            System.out.println(broker.ingress());
            System.out.println(senders.authorization(SenderIssuer.BROKER_AUDIENCE, SenderIssuer.subject("SinkBinding", "test")));
            System.out.flush();
            Thread.sleep(Long.MAX_VALUE);
        }
    }

    @Test
    void answersStructuredEvents202AndMalformedOnes400WhenLoadedByALauncher() throws Exception {
        String testClasses = Path.of(StructuredEventsTest.class.getProtectionDomain().getCodeSource().getLocation().toURI())
                .toString();
        List<String> command = List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString(), "-cp",
                testClasses, StructuredEventsTest.class.getName(), System.getProperty("java.class.path"), dir.toString());
        try (ChildJvm broker = ChildJvm.start(command, dir.resolve("broker.log"));
                HttpClient client = HttpClient.newHttpClient()) {
            URI ingress = URI.create(broker.readLine());
            String token = broker.readLine();

            HttpResponse<String> event = client.send(HttpRequest.newBuilder(ingress).header("Authorization", token)
                    .header("Content-Type", "application/cloudevents+json; charset=utf-8")
                    .POST(HttpRequest.BodyPublishers.ofString("""
                            {"specversion":"1.0","id":"s-1","source":"/functions/test","type":"dev.ticketing.thing.happened",
                             "datacontenttype":"application/json","data":{"x":"y"}}""")).build(),
                    HttpResponse.BodyHandlers.ofString());
            HttpResponse<String> noEvent = client.send(HttpRequest.newBuilder(ingress).header("Authorization", token)
                    .header("Content-Type", "application/cloudevents+json")
                    .POST(HttpRequest.BodyPublishers.ofString("{\"specversion\":\"1.0\"}")).build(),
                    HttpResponse.BodyHandlers.ofString());

            assertThat(event.statusCode()).isEqualTo(202);
            assertThat(noEvent.statusCode()).isEqualTo(400);
            assertThat(noEvent.body()).startsWith("{\"errors\":[{\"message\":\"Malformed CloudEvent");
        }
    }
}
