package org.povertyledger.deploy;

import java.util.Arrays;

import org.povertyledger.deploy.bench.FeedBenchmark;
import org.povertyledger.deploy.bench.IndicatorBenchmark;
import org.povertyledger.deploy.bench.ImportBenchmark;
import org.povertyledger.deploy.bench.LedgerBenchmark;
import org.povertyledger.deploy.importing.ImportCommandLine;
import org.povertyledger.deploy.reliability.SoakRun;
import org.springframework.boot.SpringApplication;
import org.springframework.boot.autoconfigure.SpringBootApplication;

/**
 * The PovertyLedger service. With the first argument {@code bench} the jar runs the storage benchmark
 * instead of the service; with {@code bench-indicators} the indicator query benchmark; with {@code bench-feed}
 * the integrator feed benchmark; with {@code import} it imports a CSV or XLSX file, with {@code bench-import} it
 * runs the import benchmark; with {@code soak --minutes=N} the reliability soak (kills, retries, webhook faults).
 */
@SpringBootApplication(scanBasePackages = "org.povertyledger")
public class PovertyLedgerApplication {

    public static void main(String[] args) throws Exception {
        disableUpdateChecker();
        if (args.length > 0 && args[0].equals("bench")) {
            LedgerBenchmark.main(Arrays.copyOfRange(args, 1, args.length));
            return;
        }
        if (args.length > 0 && args[0].equals("bench-indicators")) {
            IndicatorBenchmark.main(Arrays.copyOfRange(args, 1, args.length));
            return;
        }
        if (args.length > 0 && args[0].equals("bench-feed")) {
            FeedBenchmark.main(Arrays.copyOfRange(args, 1, args.length));
            return;
        }
        // bulk import
        if (args.length > 0 && args[0].equals("import")) {
            ImportCommandLine.main(Arrays.copyOfRange(args, 1, args.length));
            return;
        }
        if (args.length > 0 && args[0].equals("soak")) {
            SoakRun.main(Arrays.copyOfRange(args, 1, args.length));
            return;
        }
        if (args.length > 0 && args[0].equals("bench-import")) {
            ImportBenchmark.main(Arrays.copyOfRange(args, 1, args.length));
            return;
        }
        SpringApplication.run(PovertyLedgerApplication.class, args);
    }

    /** The service runs without internet access and reports nothing home; Axon reads this system property. */
    static void disableUpdateChecker() {
        if (System.getProperty("axoniq.update-checker.disabled") == null) {
            System.setProperty("axoniq.update-checker.disabled", "true");
        }
    }
}
