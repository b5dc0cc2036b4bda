package dev.ticketing.updateticket;

import org.springframework.boot.SpringApplication;
import org.springframework.boot.autoconfigure.SpringBootApplication;

/** The update-ticket function (Knative Service {@code update-ticket}). */
@SpringBootApplication
public class UpdateTicketApplication {

    public static void main(String[] args) {
        SpringApplication.run(UpdateTicketApplication.class, args);
    }
}
