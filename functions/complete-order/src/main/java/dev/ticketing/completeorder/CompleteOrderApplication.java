package dev.ticketing.completeorder;

import dev.ticketing.boot.FunctionApplication;
import org.springframework.boot.SpringApplication;

/** The complete-order function: a paid order becomes complete (Knative Service {@code complete-order}). */
@FunctionApplication
public class CompleteOrderApplication {

    public static void main(String[] args) {
        SpringApplication.run(CompleteOrderApplication.class, args);
    }
}
