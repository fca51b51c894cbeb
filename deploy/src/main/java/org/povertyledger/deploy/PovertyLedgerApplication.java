package org.povertyledger.deploy;

import java.util.Arrays;

import org.povertyledger.deploy.bench.ClusterBenchmark;
import org.povertyledger.command.ledger.audit.VerifierMain;
import org.povertyledger.deploy.bench.AuditBenchmark;
import org.povertyledger.deploy.bench.FeedBenchmark;
import org.povertyledger.deploy.bench.IndicatorBenchmark;
import org.povertyledger.deploy.bench.ImportBenchmark;
import org.povertyledger.deploy.bench.LedgerBenchmark;
import org.povertyledger.deploy.importing.ImportCommandLine;
import org.povertyledger.deploy.store.StoreCommandLine;
import org.povertyledger.deploy.reliability.SoakRun;
import org.springframework.boot.SpringApplication;
import org.springframework.boot.autoconfigure.SpringBootApplication;

/**
 * The PovertyLedger service. With the first argument {@code bench} the jar runs the storage benchmark
 * instead of the service; with {@code bench-indicators} the indicator query benchmark; with {@code bench-feed}
 * the integrator feed benchmark; with {@code import} it imports a CSV or XLSX file, with {@code bench-import} it
 * runs the import benchmark; with {@code store} it runs only the embedded store on TCP for several nodes to share;
 * with {@code bench-cluster} it measures appends from 1, 2 and 4 writers on one store; with {@code verify} it checks
 * a ledger export offline, with {@code bench-audit} it measures checkpoint cost and verifier speed; with
 * {@code soak --minutes=N} it runs the reliability soak (kills, retries, webhook faults).
 */
@SpringBootApplication(scanBasePackages = "org.povertyledger")
public class PovertyLedgerApplication {

    public static void main(String[] args) throws Exception {
        disableUpdateChecker();
        if (args.length > 0 && args[0].equals("bench")) {
            LedgerBenchmark.main(Arrays.copyOfRange(args, 1, args.length));
            exitAfterBenchmark();
            return;
        }
        if (args.length > 0 && args[0].equals("bench-indicators")) {
            IndicatorBenchmark.main(Arrays.copyOfRange(args, 1, args.length));
            exitAfterBenchmark();
            return;
        }
        if (args.length > 0 && args[0].equals("bench-feed")) {
            FeedBenchmark.main(Arrays.copyOfRange(args, 1, args.length));
            exitAfterBenchmark();
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
            exitAfterBenchmark();
            return;
        }
        if (args.length > 0 && args[0].equals("bench-cluster")) {
            ClusterBenchmark.main(Arrays.copyOfRange(args, 1, args.length));
            exitAfterBenchmark();
            return;
        }
        if (args.length > 0 && args[0].equals("store")) {
            StoreCommandLine.main(Arrays.copyOfRange(args, 1, args.length));
            return;
        }
        // offline verification of an export against signed checkpoints: no Spring, no store
        if (args.length > 0 && args[0].equals("verify")) {
            System.exit(VerifierMain.run(Arrays.copyOfRange(args, 1, args.length), System.out, System.err));
        }
        if (args.length > 0 && args[0].equals("bench-audit")) {
            AuditBenchmark.main(Arrays.copyOfRange(args, 1, args.length));
            exitAfterBenchmark();
        }
        SpringApplication.run(PovertyLedgerApplication.class, args);
    }

    /**
     * A benchmark has printed its figures and closed its contexts; threads that outlive a closed context (Axon's
     * non-daemon janitor, the store's workers) would otherwise keep the JVM running, and with it any recording
     * that is written at exit.
     */
    private static void exitAfterBenchmark() {
        System.out.flush();
        System.exit(0);
    }

    /** The service runs without internet access and reports nothing home; Axon reads this system property. */
    static void disableUpdateChecker() {
        if (System.getProperty("axoniq.update-checker.disabled") == null) {
            System.setProperty("axoniq.update-checker.disabled", "true");
        }
    }
}
