package org.povertyledger.deploy.store;

import java.io.PrintStream;
import java.nio.file.Path;
import java.util.concurrent.CountDownLatch;

import org.povertyledger.command.ledger.embedded.EmbeddedMongoServer;

/**
 * {@code java -jar povertyledger.jar store [--port=27017] [--data=./data] [--bind=127.0.0.1]}: the embedded store
 * alone, listening on TCP until SIGTERM, so that several service nodes can share it
 * ({@code POVERTYLEDGER_MONGODB_URI=mongodb://127.0.0.1:27017}). Only this process opens the store file; the
 * nodes talk to it through the MongoDB driver as they would to a replica set.
 */
public final class StoreCommandLine {

    /** The line printed once the server listens; what follows it is the connection string. */
    public static final String READY_PREFIX = "Store listening at ";

    private StoreCommandLine() {
    }

    public static void main(String[] args) throws InterruptedException {
        Options options;
        try {
            options = Options.parse(args);
        } catch (IllegalArgumentException e) {
            System.err.println(e.getMessage());
            System.err.println("usage: store [--port=27017] [--data=./data] [--bind=127.0.0.1]");
            System.exit(2);
            return;
        }
        run(options, System.out);
    }

    static void run(Options options, PrintStream out) throws InterruptedException {
        EmbeddedMongoServer server = EmbeddedMongoServer.start(options.dataDir(), options.bind(), options.port());
        CountDownLatch stopped = new CountDownLatch(1);
        // SIGTERM and SIGINT run the hook: the server stops accepting, finishes running commands and closes the
        // store cleanly. A SIGKILL loses nothing acknowledged either (every acknowledged write is fsynced).
        Runtime.getRuntime().addShutdownHook(new Thread(() -> {
            server.close();
            stopped.countDown();
        }, "store-shutdown"));
        out.println(READY_PREFIX + server.connectionString() + " (data in "
                + server.storeFile().toAbsolutePath() + ")");
        out.flush();
        stopped.await();
    }

    /**
     * @param port TCP port; 0 picks a free one (printed on the ready line)
     * @param bind address to listen on; the server has no authentication, so a non-loopback address belongs
     *             behind a firewall
     */
    record Options(int port, Path dataDir, String bind) {

        Options {
            if (port < 0 || port > 65_535) {
                throw new IllegalArgumentException("--port must be between 0 and 65535, was " + port);
            }
        }

        static Options parse(String[] args) {
            int port = 27017;
            Path dataDir = Path.of("data");
            String bind = "127.0.0.1";
            for (int i = 0; i < args.length; i++) {
                String arg = args[i];
                String name = arg.contains("=") ? arg.substring(0, arg.indexOf('=')) : arg;
                String value;
                if (arg.contains("=")) {
                    value = arg.substring(arg.indexOf('=') + 1);
                } else if (i + 1 < args.length) {
                    value = args[++i];
                } else {
                    throw new IllegalArgumentException(name + " needs a value");
                }
                switch (name) {
                    case "--port" -> {
                        try {
                            port = Integer.parseInt(value);
                        } catch (NumberFormatException e) {
                            throw new IllegalArgumentException("--port must be a number, was " + value);
                        }
                    }
                    case "--data" -> dataDir = Path.of(value);
                    case "--bind" -> bind = value;
                    default -> throw new IllegalArgumentException("unknown option " + name);
                }
            }
            return new Options(port, dataDir, bind);
        }
    }
}
