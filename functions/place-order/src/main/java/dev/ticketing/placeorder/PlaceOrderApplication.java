package dev.ticketing.placeorder;

import org.springframework.boot.SpringApplication;
import org.springframework.boot.autoconfigure.SpringBootApplication;

/** The place-order function: places orders and keeps the ticket view (Knative Service {@code place-order}). */
@SpringBootApplication
public class PlaceOrderApplication {

    public static void main(String[] args) {
        SpringApplication.run(PlaceOrderApplication.class, args);
    }
}
