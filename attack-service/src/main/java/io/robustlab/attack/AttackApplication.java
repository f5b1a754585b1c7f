package io.robustlab.attack;

import org.springframework.boot.SpringApplication;
import org.springframework.boot.autoconfigure.SpringBootApplication;

/** The evaluation worker: consumes {@code <namespace>.attack} and runs each job with robust-core's evaluation. */
@SpringBootApplication
public class AttackApplication {

    public static void main(String[] args) {
        SpringApplication.run(AttackApplication.class, args);
    }
}
