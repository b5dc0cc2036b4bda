package dev.ticketing.createticket;

import dev.ticketing.boot.FunctionApplication;
import org.springframework.boot.SpringApplication;

/** The create-ticket function (Knative Service {@code create-ticket}). */
@FunctionApplication
public class CreateTicketApplication {

    public static void main(String[] args) {
        SpringApplication.run(CreateTicketApplication.class, args);
    }
}
