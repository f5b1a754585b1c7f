package io.robustlab.trainer;

import org.springframework.boot.SpringApplication;
import org.springframework.boot.autoconfigure.SpringBootApplication;

/** The training worker: consumes {@code <namespace>.train} and runs each job with robust-core's training. */
@SpringBootApplication
public class TrainerApplication {

    public static void main(String[] args) {
        SpringApplication.run(TrainerApplication.class, args);
    }
}
