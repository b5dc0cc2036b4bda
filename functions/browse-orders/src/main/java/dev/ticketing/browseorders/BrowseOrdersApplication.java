package dev.ticketing.browseorders;

import org.springframework.boot.SpringApplication;
import org.springframework.boot.autoconfigure.SpringBootApplication;

/** The browse-orders function: a buyer lists and shows its orders (Knative Service {@code browse-orders}). */
@SpringBootApplication
public class BrowseOrdersApplication {

    public static void main(String[] args) {
        SpringApplication.run(BrowseOrdersApplication.class, args);
    }
}
