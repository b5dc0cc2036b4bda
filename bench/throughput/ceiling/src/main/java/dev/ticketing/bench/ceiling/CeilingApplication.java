package dev.ticketing.bench.ceiling;

import org.springframework.boot.SpringApplication;
import org.springframework.boot.autoconfigure.SpringBootApplication;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RestController;

/** The ceiling: the least a Spring Boot 4 endpoint does, a constant ticket-shaped JSON body. */
@SpringBootApplication
@RestController
public class CeilingApplication {

    record Ticket(String id, String title, String price, String userId, long version) {
    }

    private static final Ticket TICKET = new Ticket("65f0c0ffee0000000000beef", "Constant ticket", "20.00",
            "5eed00000000000000000001", 0);

    @GetMapping("/api/constant")
    Ticket constant() {
        return TICKET;
    }

    public static void main(String[] args) {
        SpringApplication.run(CeilingApplication.class, args);
    }
}
