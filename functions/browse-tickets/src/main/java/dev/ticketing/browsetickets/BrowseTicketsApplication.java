package dev.ticketing.browsetickets;

import dev.ticketing.boot.FunctionApplication;
import org.springframework.boot.SpringApplication;

/** The browse-tickets function (Knative Service {@code browse-tickets}). */
@FunctionApplication
public class BrowseTicketsApplication {

    public static void main(String[] args) {
        SpringApplication.run(BrowseTicketsApplication.class, args);
    }
}
