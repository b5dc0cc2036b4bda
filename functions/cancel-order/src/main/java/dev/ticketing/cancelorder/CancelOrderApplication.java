package dev.ticketing.cancelorder;

import org.springframework.boot.SpringApplication;
import org.springframework.boot.autoconfigure.SpringBootApplication;

/** The cancel-order function: a buyer cancels its order (Knative Service {@code cancel-order}). */
@SpringBootApplication
public class CancelOrderApplication {

    public static void main(String[] args) {
        SpringApplication.run(CancelOrderApplication.class, args);
    }
}
