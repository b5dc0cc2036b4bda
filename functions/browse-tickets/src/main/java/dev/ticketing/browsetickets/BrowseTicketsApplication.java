package dev.ticketing.browsetickets;

import org.springframework.boot.SpringApplication;
import org.springframework.boot.autoconfigure.SpringBootApplication;

/** The browse-tickets function (Knative Service {@code browse-tickets}). */
@SpringBootApplication
public class BrowseTicketsApplication {

    public static void main(String[] args) {
        SpringApplication.run(BrowseTicketsApplication.class, args);
    }
}
