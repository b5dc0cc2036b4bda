package dev.ticketing.signup;

import dev.ticketing.boot.FunctionApplication;
import org.springframework.boot.SpringApplication;

/** The signup function: opens accounts and changes passwords (Knative Service {@code signup}). */
@FunctionApplication
public class SignupApplication {

    public static void main(String[] args) {
        SpringApplication.run(SignupApplication.class, args);
    }
}
