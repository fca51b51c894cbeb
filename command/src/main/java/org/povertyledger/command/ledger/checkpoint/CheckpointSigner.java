package org.povertyledger.command.ledger.checkpoint;

import org.povertyledger.command.ledger.audit.CheckpointKeys;
import org.povertyledger.command.ledger.audit.SignedCheckpoint;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.FileSystems;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.KeyPair;
import java.security.PublicKey;
import java.time.Instant;

/** Signs checkpoints with one Ed25519 key: configured, read from a file, or generated once and kept. */
public final class CheckpointSigner {

    private static final Logger log = LoggerFactory.getLogger(CheckpointSigner.class);

    private final KeyPair pair;
    private final String keyId;

    public CheckpointSigner(KeyPair pair) {
        this.pair = pair;
        this.keyId = CheckpointKeys.keyId(pair.getPublic());
    }

    /**
     * The signer from configuration, in this order: {@code key} (PKCS#8, PEM or base64), {@code keyFile} (a file
     * holding that), else the key in {@code generatedKeyFile}, generated there on first use (owner-only
     * permissions where the file system has them) so that it survives restarts.
     */
    public static CheckpointSigner load(String key, Path keyFile, Path generatedKeyFile) {
        try {
            if (key != null && !key.isBlank()) {
                return new CheckpointSigner(CheckpointKeys.pairOf(CheckpointKeys.privateKey(key)));
            }
            if (keyFile != null) {
                return new CheckpointSigner(CheckpointKeys.pairOf(CheckpointKeys.privateKey(
                        Files.readString(keyFile, StandardCharsets.UTF_8))));
            }
            if (Files.exists(generatedKeyFile)) {
                return new CheckpointSigner(CheckpointKeys.pairOf(CheckpointKeys.privateKey(
                        Files.readString(generatedKeyFile, StandardCharsets.UTF_8))));
            }
            KeyPair pair = CheckpointKeys.generate();
            Files.createDirectories(generatedKeyFile.toAbsolutePath().getParent());
            Path temporary = generatedKeyFile.resolveSibling(generatedKeyFile.getFileName() + ".tmp");
            Files.deleteIfExists(temporary);
            if (FileSystems.getDefault().supportedFileAttributeViews().contains("posix")) {
                Files.createFile(temporary, PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rw-------")));
            }
            Files.writeString(temporary, CheckpointKeys.pem(pair.getPrivate()), StandardCharsets.UTF_8);
            Files.move(temporary, generatedKeyFile, StandardCopyOption.ATOMIC_MOVE);
            CheckpointSigner signer = new CheckpointSigner(pair);
            log.info("Generated checkpoint signing key {} in {}", signer.keyId(), generatedKeyFile.toAbsolutePath());
            return signer;
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read or store the checkpoint signing key", e);
        }
    }

    public SignedCheckpoint sign(long position, String headHash, String merkleRoot, Instant time) {
        return SignedCheckpoint.sign(position, headHash, merkleRoot, time, keyId, pair.getPrivate());
    }

    public String keyId() {
        return keyId;
    }

    public PublicKey publicKey() {
        return pair.getPublic();
    }
}
