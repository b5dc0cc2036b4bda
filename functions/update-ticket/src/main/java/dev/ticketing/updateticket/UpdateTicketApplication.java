package dev.ticketing.updateticket;

import dev.ticketing.boot.FunctionApplication;
import org.springframework.boot.SpringApplication;

/** The update-ticket function (Knative Service {@code update-ticket}). */
@FunctionApplication
public class UpdateTicketApplication {

    public static void main(String[] args) {
        SpringApplication.run(UpdateTicketApplication.class, args);
    }
}
