package dev.ticketing.expireorder;

import dev.ticketing.boot.FunctionApplication;
import org.springframework.boot.SpringApplication;

/** The expire-order function (Knative Service {@code expire-order}). */
@FunctionApplication
public class ExpireOrderApplication {

    public static void main(String[] args) {
        SpringApplication.run(ExpireOrderApplication.class, args);
    }
}
