package dev.ticketing.cancelorder;

import dev.ticketing.boot.FunctionApplication;
import org.springframework.boot.SpringApplication;

/** The cancel-order function: a buyer cancels its order (Knative Service {@code cancel-order}). */
@FunctionApplication
public class CancelOrderApplication {

    public static void main(String[] args) {
        SpringApplication.run(CancelOrderApplication.class, args);
    }
}
