package org.povertyledger.command.ledger.audit;

import java.nio.charset.StandardCharsets;
import java.security.PrivateKey;
import java.security.PublicKey;
import java.time.Instant;
import java.util.Base64;
import java.util.Objects;
import java.util.regex.Pattern;

/**
 * A signed statement about the ledger: at {@code position} the chain hash was {@code headHash} and the RFC 6962
 * Merkle root over the chain hashes of positions 1..position was {@code merkleRoot}.
 * <p>
 * The signature is Ed25519 over the UTF-8 bytes of {@link #statement()}, six text lines (in the spirit of the
 * transparency-log checkpoint notes): the format line {@code povertyledger checkpoint v1}, then
 * {@code position N}, {@code head HEX}, {@code merkle-root HEX}, {@code time ISO-8601}, {@code key KEYID}, each
 * ended by a newline. Anyone with the public key can rebuild those bytes from the JSON fields and check it.
 *
 * @param position   log position the checkpoint covers (the tree size)
 * @param headHash   chain hash of the event at {@code position} (lowercase hex)
 * @param merkleRoot Merkle tree root over positions 1..position (lowercase hex)
 * @param time       when it was signed (UTC, ISO-8601)
 * @param keyId      id of the signing key ({@link CheckpointKeys#keyId})
 * @param algorithm  always {@value CheckpointKeys#ALGORITHM}
 * @param signature  base64 signature over {@link #statement()}
 */
public record SignedCheckpoint(long position, String headHash, String merkleRoot, String time, String keyId,
                               String algorithm, String signature) {

    private static final Pattern HEX64 = Pattern.compile("[0-9a-f]{64}");
    private static final Pattern KEY_ID = Pattern.compile("[0-9a-f]{16}");

    public SignedCheckpoint {
        if (position < 0) {
            throw new IllegalArgumentException("position must not be negative");
        }
        require(headHash, HEX64, "headHash");
        require(merkleRoot, HEX64, "merkleRoot");
        require(keyId, KEY_ID, "keyId");
        Objects.requireNonNull(time, "time");
        Instant.parse(time);
        Objects.requireNonNull(signature, "signature");
        if (!CheckpointKeys.ALGORITHM.equals(algorithm)) {
            throw new IllegalArgumentException("algorithm must be " + CheckpointKeys.ALGORITHM + ", not " + algorithm);
        }
    }

    public static SignedCheckpoint sign(long position, String headHash, String merkleRoot, Instant time,
                                        String keyId, PrivateKey key) {
        SignedCheckpoint unsigned = new SignedCheckpoint(position, headHash, merkleRoot, time.toString(), keyId,
                CheckpointKeys.ALGORITHM, "");
        byte[] signature = CheckpointKeys.sign(key, unsigned.statement().getBytes(StandardCharsets.UTF_8));
        return new SignedCheckpoint(position, headHash, merkleRoot, unsigned.time(), keyId, CheckpointKeys.ALGORITHM,
                Base64.getEncoder().encodeToString(signature));
    }

    /** The exact text that is signed. */
    public String statement() {
        return "povertyledger checkpoint v1\n"
                + "position " + position + "\n"
                + "head " + headHash + "\n"
                + "merkle-root " + merkleRoot + "\n"
                + "time " + time + "\n"
                + "key " + keyId + "\n";
    }

    /** Whether the signature is valid under {@code key} and the key is the one the checkpoint names. */
    public boolean verify(PublicKey key) {
        if (!CheckpointKeys.keyId(key).equals(keyId)) {
            return false;
        }
        byte[] signatureBytes;
        try {
            signatureBytes = Base64.getDecoder().decode(signature);
        } catch (IllegalArgumentException e) {
            return false;
        }
        return CheckpointKeys.verify(key, statement().getBytes(StandardCharsets.UTF_8), signatureBytes);
    }

    private static void require(String value, Pattern pattern, String field) {
        if (value == null || !pattern.matcher(value).matches()) {
            throw new IllegalArgumentException(field + " must match " + pattern + ": " + value);
        }
    }
}
