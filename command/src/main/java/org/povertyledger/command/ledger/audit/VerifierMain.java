package org.povertyledger.command.ledger.audit;

import java.io.IOException;
import java.io.InputStream;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.PublicKey;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * The offline verifier's command line:
 * {@code verify --export FILE [--checkpoint FILE | --checkpoints FILE] [--key FILE]}.
 * <p>
 * Exit status 0 when the export is intact (and matches every checkpoint given), 1 when damage was found (the first
 * bad position is printed), 2 for a usage or I/O error. Checkpoint files hold what {@code GET
 * /api/ledger/checkpoints/{position}} returns (one object), or the listing of {@code GET /api/ledger/checkpoints}
 * (its {@code items}), or a JSON array of checkpoints. The key file is the PEM or base64 public key, or the JSON of
 * {@code GET /api/ledger/keys}.
 */
public final class VerifierMain {

    public static final int OK = 0;
    public static final int DAMAGED = 1;
    public static final int USAGE = 2;

    private static final String USAGE_TEXT =
            "usage: verify --export FILE [--checkpoint FILE | --checkpoints FILE] [--key FILE]";

    private VerifierMain() {
    }

    public static void main(String[] args) {
        System.exit(run(args, System.out, System.err));
    }

    /** Runs the verifier and returns the exit status. */
    public static int run(String[] args, PrintStream out, PrintStream err) {
        Map<String, String> options = new LinkedHashMap<>();
        List<String> list = new ArrayList<>(List.of(args));
        if (!list.isEmpty() && list.get(0).equals("verify")) {
            list.remove(0);
        }
        for (int i = 0; i < list.size(); i++) {
            String arg = list.get(i);
            String name;
            String value;
            if (arg.startsWith("--") && arg.contains("=")) {
                name = arg.substring(2, arg.indexOf('='));
                value = arg.substring(arg.indexOf('=') + 1);
            } else if (arg.startsWith("--") && i + 1 < list.size()) {
                name = arg.substring(2);
                value = list.get(++i);
            } else {
                err.println("unexpected argument " + arg + "\n" + USAGE_TEXT);
                return USAGE;
            }
            if (!List.of("export", "checkpoint", "checkpoints", "key").contains(name) || options.containsKey(name)) {
                err.println("unknown or repeated option --" + name + "\n" + USAGE_TEXT);
                return USAGE;
            }
            options.put(name, value);
        }
        if (!options.containsKey("export") || (options.containsKey("checkpoint") && options.containsKey("checkpoints"))) {
            err.println(USAGE_TEXT);
            return USAGE;
        }
        try {
            List<SignedCheckpoint> checkpoints = new ArrayList<>();
            String checkpointFile = options.getOrDefault("checkpoint", options.get("checkpoints"));
            if (checkpointFile != null) {
                checkpoints.addAll(readCheckpoints(Path.of(checkpointFile)));
            }
            Map<String, PublicKey> keys = options.containsKey("key") ? readKeys(Path.of(options.get("key"))) : Map.of();
            ExportVerifier.Report report;
            try (InputStream in = Files.newInputStream(Path.of(options.get("export")))) {
                report = new ExportVerifier(checkpoints, keys).verify(in);
            }
            print(report, out);
            return report.ok() ? OK : DAMAGED;
        } catch (IOException | IllegalArgumentException e) {
            err.println("cannot verify: " + e.getMessage());
            return USAGE;
        }
    }

    static void print(ExportVerifier.Report report, PrintStream out) {
        if (report.ok()) {
            out.printf(Locale.ROOT, "OK: %,d events, chain intact up to position %d (hash %s); %d checkpoint(s) matched%n",
                    report.events(), report.lastPosition(), report.headHash(), report.checkpoints());
        } else {
            out.printf(Locale.ROOT, "DAMAGE at position %d: %s: %s%n", report.brokenAt(), report.damage(),
                    report.reason());
            out.printf(Locale.ROOT, "checked good: %,d events up to position %d; %d checkpoint(s) matched%n",
                    report.events(), report.lastPosition(), report.checkpoints());
        }
        report.notes().forEach(note -> out.println("note: " + note));
    }

    /** One checkpoint object, an array of them, or an object holding them under {@code items}. */
    public static List<SignedCheckpoint> readCheckpoints(Path file) throws IOException {
        Object json = SimpleJson.parse(Files.readString(file));
        List<?> items;
        if (json instanceof List<?> array) {
            items = array;
        } else if (json instanceof Map<?, ?> map && map.get("items") instanceof List<?> array) {
            items = array;
        } else if (json instanceof Map<?, ?> map) {
            items = List.of(map);
        } else {
            throw new IllegalArgumentException(file + " holds no checkpoint");
        }
        List<SignedCheckpoint> checkpoints = new ArrayList<>();
        for (Object item : items) {
            if (!(item instanceof Map<?, ?> map)) {
                throw new IllegalArgumentException(file + " holds something that is not a checkpoint");
            }
            checkpoints.add(checkpoint(ExportVerifier.cast(map)));
        }
        return checkpoints;
    }

    static SignedCheckpoint checkpoint(Map<String, Object> map) {
        if (!(map.get("position") instanceof Long position)) {
            throw new IllegalArgumentException("a checkpoint needs an integer position");
        }
        return new SignedCheckpoint(position, (String) map.get("headHash"), (String) map.get("merkleRoot"),
                (String) map.get("time"), (String) map.get("keyId"), (String) map.get("algorithm"),
                (String) map.get("signature"));
    }

    /** A PEM or base64 public key, or the key listing of {@code GET /api/ledger/keys}. */
    public static Map<String, PublicKey> readKeys(Path file) throws IOException {
        String text = Files.readString(file).strip();
        Map<String, PublicKey> keys = new LinkedHashMap<>();
        if (text.startsWith("{")) {
            Object json = SimpleJson.parse(text);
            if (json instanceof Map<?, ?> map && map.get("keys") instanceof List<?> list) {
                for (Object item : list) {
                    if (item instanceof Map<?, ?> key && key.get("publicKey") instanceof String spki) {
                        PublicKey publicKey = CheckpointKeys.publicKey(spki);
                        keys.put(CheckpointKeys.keyId(publicKey), publicKey);
                    }
                }
            }
            if (keys.isEmpty()) {
                throw new IllegalArgumentException(file + " lists no public key");
            }
            return keys;
        }
        PublicKey publicKey = CheckpointKeys.publicKey(text);
        keys.put(CheckpointKeys.keyId(publicKey), publicKey);
        return keys;
    }
}
