package dev.ticketing.expireorder;

import org.springframework.boot.SpringApplication;
import org.springframework.boot.autoconfigure.SpringBootApplication;

/** The expire-order function (Knative Service {@code expire-order}). */
@SpringBootApplication
public class ExpireOrderApplication {

    public static void main(String[] args) {
        SpringApplication.run(ExpireOrderApplication.class, args);
    }
}
