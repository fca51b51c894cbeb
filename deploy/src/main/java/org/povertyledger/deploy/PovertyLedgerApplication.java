package org.povertyledger.deploy;

import org.springframework.boot.SpringApplication;
import org.springframework.boot.autoconfigure.SpringBootApplication;

@SpringBootApplication(scanBasePackages = "org.povertyledger")
public class PovertyLedgerApplication {

    public static void main(String[] args) {
        SpringApplication.run(PovertyLedgerApplication.class, args);
    }
}
