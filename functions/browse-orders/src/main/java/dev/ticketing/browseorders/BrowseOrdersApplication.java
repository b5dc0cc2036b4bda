package dev.ticketing.browseorders;

import dev.ticketing.boot.FunctionApplication;
import org.springframework.boot.SpringApplication;

/** The browse-orders function: a buyer lists and shows its orders (Knative Service {@code browse-orders}). */
@FunctionApplication
public class BrowseOrdersApplication {

    public static void main(String[] args) {
        SpringApplication.run(BrowseOrdersApplication.class, args);
    }
}
