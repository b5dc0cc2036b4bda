package dev.ticketing.placeorder;

import dev.ticketing.boot.FunctionApplication;
import org.springframework.boot.SpringApplication;

/** The place-order function: places orders and keeps the ticket view (Knative Service {@code place-order}). */
@FunctionApplication
public class PlaceOrderApplication {

    public static void main(String[] args) {
        SpringApplication.run(PlaceOrderApplication.class, args);
    }
}
