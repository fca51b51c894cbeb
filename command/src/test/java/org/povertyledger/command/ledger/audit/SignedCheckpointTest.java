package org.povertyledger.command.ledger.audit;

import org.junit.jupiter.api.Test;

import java.security.KeyPair;
import java.time.Instant;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class SignedCheckpointTest {

    private static final String HEAD = "ab".repeat(32);
    private static final String ROOT = "cd".repeat(32);

    private final KeyPair pair = CheckpointKeys.generate();
    private final String keyId = CheckpointKeys.keyId(pair.getPublic());
    private final SignedCheckpoint checkpoint =
            SignedCheckpoint.sign(42, HEAD, ROOT, Instant.parse("2026-12-02T10:00:00Z"), keyId, pair.getPrivate());

    @Test
    void aCheckpointVerifiesUnderItsOwnKey() {
        assertThat(checkpoint.verify(pair.getPublic())).isTrue();
        assertThat(checkpoint.statement()).isEqualTo("povertyledger checkpoint v1\nposition 42\nhead " + HEAD
                + "\nmerkle-root " + ROOT + "\ntime 2026-12-02T10:00:00Z\nkey " + keyId + "\n");
    }

    @Test
    void aCheckpointDoesNotVerifyUnderAnotherKey() {
        KeyPair other = CheckpointKeys.generate();
        assertThat(checkpoint.verify(other.getPublic())).isFalse();
        // Even when the key id is forged to match the other key, the signature does not.
        SignedCheckpoint relabelled = new SignedCheckpoint(42, HEAD, ROOT, checkpoint.time(),
                CheckpointKeys.keyId(other.getPublic()), "Ed25519", checkpoint.signature());
        assertThat(relabelled.verify(other.getPublic())).isFalse();
    }

    @Test
    void anyAlteredFieldBreaksTheSignature() {
        assertThat(new SignedCheckpoint(43, HEAD, ROOT, checkpoint.time(), keyId, "Ed25519", checkpoint.signature())
                .verify(pair.getPublic())).isFalse();
        assertThat(new SignedCheckpoint(42, "ac".repeat(32), ROOT, checkpoint.time(), keyId, "Ed25519",
                checkpoint.signature()).verify(pair.getPublic())).isFalse();
        assertThat(new SignedCheckpoint(42, HEAD, "ce".repeat(32), checkpoint.time(), keyId, "Ed25519",
                checkpoint.signature()).verify(pair.getPublic())).isFalse();
        assertThat(new SignedCheckpoint(42, HEAD, ROOT, "2026-12-02T10:00:01Z", keyId, "Ed25519",
                checkpoint.signature()).verify(pair.getPublic())).isFalse();
        assertThat(new SignedCheckpoint(42, HEAD, ROOT, checkpoint.time(), keyId, "Ed25519", "not base64!")
                .verify(pair.getPublic())).isFalse();
    }

    @Test
    void thePublicKeyIsDerivedFromAStoredPrivateKey() {
        KeyPair restored = CheckpointKeys.pairOf(CheckpointKeys.privateKey(CheckpointKeys.pem(pair.getPrivate())));
        assertThat(restored.getPublic().getEncoded()).isEqualTo(pair.getPublic().getEncoded());
        assertThat(CheckpointKeys.keyId(CheckpointKeys.publicKey(CheckpointKeys.pem(pair.getPublic()))))
                .isEqualTo(keyId);
    }

    @Test
    void malformedCheckpointsCannotBeBuilt() {
        assertThatThrownBy(() -> new SignedCheckpoint(-1, HEAD, ROOT, checkpoint.time(), keyId, "Ed25519", "x"))
                .isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> new SignedCheckpoint(1, "xyz", ROOT, checkpoint.time(), keyId, "Ed25519", "x"))
                .hasMessageContaining("headHash");
        assertThatThrownBy(() -> new SignedCheckpoint(1, HEAD, ROOT, checkpoint.time(), keyId, "RSA", "x"))
                .hasMessageContaining("algorithm");
        assertThatThrownBy(() -> CheckpointKeys.publicKey("not a key")).isInstanceOf(IllegalArgumentException.class);
    }
}
