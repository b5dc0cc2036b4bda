package dev.ticketing.completeorder;

import org.springframework.boot.SpringApplication;
import org.springframework.boot.autoconfigure.SpringBootApplication;

/** The complete-order function: a paid order becomes complete (Knative Service {@code complete-order}). */
@SpringBootApplication
public class CompleteOrderApplication {

    public static void main(String[] args) {
        SpringApplication.run(CompleteOrderApplication.class, args);
    }
}
