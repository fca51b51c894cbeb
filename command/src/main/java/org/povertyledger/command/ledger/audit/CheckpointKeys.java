package org.povertyledger.command.ledger.audit;

import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.KeyFactory;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.PrivateKey;
import java.security.PublicKey;
import java.security.SecureRandom;
import java.security.Signature;
import java.security.interfaces.EdECPrivateKey;
import java.security.spec.NamedParameterSpec;
import java.security.spec.PKCS8EncodedKeySpec;
import java.security.spec.X509EncodedKeySpec;
import java.util.Arrays;
import java.util.Base64;
import java.util.HexFormat;

/**
 * Ed25519 keys of checkpoints, with the JDK's own provider: PKCS#8 private keys and X.509 SubjectPublicKeyInfo
 * public keys, in PEM or bare base64. The key id is the first 16 hex digits of SHA-256 over the public key's
 * SubjectPublicKeyInfo bytes, so anyone holding the public key computes the same id.
 */
public final class CheckpointKeys {

    public static final String ALGORITHM = "Ed25519";

    private CheckpointKeys() {
    }

    public static KeyPair generate() {
        try {
            return KeyPairGenerator.getInstance(ALGORITHM).generateKeyPair();
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("the Java runtime has no Ed25519 provider", e);
        }
    }

    /**
     * The key pair of a private key. The JDK has no call that derives an Ed25519 public key, but its key pair
     * generator takes the 32 private key bytes from the random source it is given (RFC 8032 5.1.5), so feeding it
     * exactly those bytes yields the same private key with its public key; the result is checked by signing.
     */
    public static KeyPair pairOf(PrivateKey privateKey) {
        if (!(privateKey instanceof EdECPrivateKey edec) || edec.getBytes().isEmpty()) {
            throw new IllegalArgumentException("not an Ed25519 private key");
        }
        byte[] seed = edec.getBytes().get();
        try {
            KeyPairGenerator generator = KeyPairGenerator.getInstance(ALGORITHM);
            generator.initialize(NamedParameterSpec.ED25519, new FixedRandom(seed));
            KeyPair pair = generator.generateKeyPair();
            if (!Arrays.equals(pair.getPrivate().getEncoded(), privateKey.getEncoded())) {
                throw new IllegalStateException("could not derive the public key of the configured private key");
            }
            byte[] probe = "povertyledger key check".getBytes(StandardCharsets.UTF_8);
            if (!verify(pair.getPublic(), probe, sign(privateKey, probe))) {
                throw new IllegalStateException("the derived public key does not verify the private key's signature");
            }
            return pair;
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("the Java runtime has no Ed25519 provider", e);
        }
    }

    /** A PKCS#8 private key from PEM ({@code -----BEGIN PRIVATE KEY-----}) or bare base64. */
    public static PrivateKey privateKey(String pemOrBase64) {
        try {
            return KeyFactory.getInstance(ALGORITHM).generatePrivate(new PKCS8EncodedKeySpec(der(pemOrBase64)));
        } catch (GeneralSecurityException e) {
            throw new IllegalArgumentException("not an Ed25519 PKCS#8 private key: " + e.getMessage(), e);
        }
    }

    /** An X.509 SubjectPublicKeyInfo public key from PEM ({@code -----BEGIN PUBLIC KEY-----}) or bare base64. */
    public static PublicKey publicKey(String pemOrBase64) {
        try {
            return KeyFactory.getInstance(ALGORITHM).generatePublic(new X509EncodedKeySpec(der(pemOrBase64)));
        } catch (GeneralSecurityException e) {
            throw new IllegalArgumentException("not an Ed25519 X.509 public key: " + e.getMessage(), e);
        }
    }

    public static String keyId(PublicKey publicKey) {
        byte[] digest = MerkleTree.sha256().digest(publicKey.getEncoded());
        return HexFormat.of().formatHex(digest, 0, 8);
    }

    public static String pem(PublicKey key) {
        return pem("PUBLIC KEY", key.getEncoded());
    }

    public static String pem(PrivateKey key) {
        return pem("PRIVATE KEY", key.getEncoded());
    }

    public static byte[] sign(PrivateKey key, byte[] message) {
        try {
            Signature signature = Signature.getInstance(ALGORITHM);
            signature.initSign(key);
            signature.update(message);
            return signature.sign();
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("signing failed", e);
        }
    }

    public static boolean verify(PublicKey key, byte[] message, byte[] signatureBytes) {
        try {
            Signature signature = Signature.getInstance(ALGORITHM);
            signature.initVerify(key);
            signature.update(message);
            return signature.verify(signatureBytes);
        } catch (GeneralSecurityException | IllegalArgumentException e) {
            return false;
        }
    }

    private static String pem(String label, byte[] der) {
        return "-----BEGIN " + label + "-----\n" + Base64.getMimeEncoder(64, new byte[]{'\n'}).encodeToString(der)
                + "\n-----END " + label + "-----\n";
    }

    private static byte[] der(String pemOrBase64) {
        StringBuilder body = new StringBuilder();
        for (String line : pemOrBase64.strip().split("\\R")) {
            if (!line.startsWith("-----")) {
                body.append(line.strip());
            }
        }
        try {
            return Base64.getDecoder().decode(body.toString());
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException("key is neither PEM nor base64", e);
        }
    }

    /** Hands out exactly the given bytes, then fails: any further use would be a misunderstanding of the JDK. */
    private static final class FixedRandom extends SecureRandom {

        private byte[] bytes;

        FixedRandom(byte[] bytes) {
            this.bytes = bytes.clone();
        }

        @Override
        public void nextBytes(byte[] out) {
            if (bytes == null || out.length != bytes.length) {
                throw new IllegalStateException("unexpected request for " + out.length + " random bytes");
            }
            System.arraycopy(bytes, 0, out, 0, out.length);
            bytes = null;
        }
    }
}
