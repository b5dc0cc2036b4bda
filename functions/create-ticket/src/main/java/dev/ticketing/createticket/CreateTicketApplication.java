package dev.ticketing.createticket;

import org.springframework.boot.SpringApplication;
import org.springframework.boot.autoconfigure.SpringBootApplication;

/** The create-ticket function (Knative Service {@code create-ticket}). */
@SpringBootApplication
public class CreateTicketApplication {

    public static void main(String[] args) {
        SpringApplication.run(CreateTicketApplication.class, args);
    }
}
