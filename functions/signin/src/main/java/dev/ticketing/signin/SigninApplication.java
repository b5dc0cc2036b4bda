package dev.ticketing.signin;

import dev.ticketing.boot.FunctionApplication;
import org.springframework.boot.SpringApplication;

/** The signin function: sessions (sign in, sign out, who am I) (Knative Service {@code signin}). */
@FunctionApplication
public class SigninApplication {

    public static void main(String[] args) {
        SpringApplication.run(SigninApplication.class, args);
    }
}
