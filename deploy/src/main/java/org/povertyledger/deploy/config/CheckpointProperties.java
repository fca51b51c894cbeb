package org.povertyledger.deploy.config;

import java.nio.file.Path;
import java.time.Duration;

import org.springframework.boot.context.properties.ConfigurationProperties;

/**
 * Signed checkpoints of the ledger.
 *
 * @param checkpointEvery    commits between two automatic checkpoints
 * @param checkpointPoll     how often the background checkpointer looks for new commits
 * @param checkpointKey      the Ed25519 private key (PKCS#8, PEM or base64); blank means none
 * @param checkpointKeyFile  a file holding that key; used when {@code checkpointKey} is blank
 * @param checkpointsEnabled whether this node follows the ledger and signs checkpoints automatically
 */
@ConfigurationProperties(prefix = "povertyledger.ledger")
public record CheckpointProperties(Integer checkpointEvery, Duration checkpointPoll, String checkpointKey,
                                   Path checkpointKeyFile, Boolean checkpointsEnabled) {

    /** Where the generated key is kept under the data directory when none is configured. */
    public static final String GENERATED_KEY_FILE = "checkpoint-signing-key.pem";

    public CheckpointProperties {
        checkpointEvery = checkpointEvery == null ? 1000 : checkpointEvery;
        checkpointPoll = checkpointPoll == null ? Duration.ofSeconds(1) : checkpointPoll;
        checkpointsEnabled = checkpointsEnabled == null || checkpointsEnabled;
        checkpointKeyFile = checkpointKeyFile == null || checkpointKeyFile.toString().isBlank() ? null : checkpointKeyFile;
        if (checkpointEvery < 1) {
            throw new IllegalArgumentException("povertyledger.ledger.checkpoint-every must be at least 1");
        }
        if (checkpointPoll.isNegative() || checkpointPoll.isZero()) {
            throw new IllegalArgumentException("povertyledger.ledger.checkpoint-poll must be positive");
        }
    }
}
