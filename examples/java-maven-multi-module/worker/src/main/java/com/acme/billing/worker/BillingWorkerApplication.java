package com.acme.billing.worker;

import org.springframework.boot.SpringApplication;
import org.springframework.boot.autoconfigure.SpringBootApplication;
import org.springframework.boot.autoconfigure.domain.EntityScan;
import org.springframework.data.jpa.repository.config.EnableJpaRepositories;
import org.springframework.scheduling.annotation.EnableScheduling;

@SpringBootApplication
@EnableScheduling
@EntityScan("com.acme.billing.common")
@EnableJpaRepositories("com.acme.billing.common")
public class BillingWorkerApplication {

    public static void main(String[] args) {
        SpringApplication.run(BillingWorkerApplication.class, args);
    }
}
