package dev.ticketing.signin;

import org.springframework.boot.SpringApplication;
import org.springframework.boot.autoconfigure.SpringBootApplication;

/** The signin function: sessions (sign in, sign out, who am I) (Knative Service {@code signin}). */
@SpringBootApplication
public class SigninApplication {

    public static void main(String[] args) {
        SpringApplication.run(SigninApplication.class, args);
    }
}
