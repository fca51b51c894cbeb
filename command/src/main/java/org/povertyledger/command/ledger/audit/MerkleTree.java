package org.povertyledger.command.ledger.audit;

import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.function.LongFunction;

/**
 * Merkle tree hashing, audit paths and consistency proofs exactly as RFC 6962 section 2.1 (and RFC 9162 section
 * 2.1, which restates the verification algorithms): {@code leaf = SHA-256(0x00 || data)},
 * {@code node = SHA-256(0x01 || left || right)}, the left subtree of a tree of {@code n > 1} leaves holds the
 * largest power of two smaller than {@code n}, and the empty tree's hash is {@code SHA-256("")}.
 * <p>
 * Proofs are computed over leaf hashes supplied by index (0-based), so the caller decides where they come from;
 * the verification functions need nothing but the proof, so an auditor can run them without the service.
 */
public final class MerkleTree {

    /** One digest per thread: a digest lookup costs more than hashing 65 bytes. */
    private static final ThreadLocal<MessageDigest> DIGEST = ThreadLocal.withInitial(MerkleTree::sha256);

    private MerkleTree() {
    }

    /** {@code SHA-256("")}, the hash of a tree with no leaves. */
    public static byte[] emptyRoot() {
        return sha256().digest();
    }

    public static byte[] leafHash(byte[] data) {
        MessageDigest digest = DIGEST.get();
        digest.reset();
        digest.update((byte) 0x00);
        digest.update(data);
        return digest.digest();
    }

    public static byte[] nodeHash(byte[] left, byte[] right) {
        MessageDigest digest = DIGEST.get();
        digest.reset();
        digest.update((byte) 0x01);
        digest.update(left);
        digest.update(right);
        return digest.digest();
    }

    /** The root over {@code size} leaf hashes, {@code leaves.apply(i)} giving the hash of leaf {@code i}. */
    public static byte[] root(long size, LongFunction<byte[]> leaves) {
        return size == 0 ? emptyRoot() : subtree(0, size, leaves);
    }

    /** The audit path of leaf {@code index} in the tree of the first {@code size} leaves (RFC 6962 2.1.1). */
    public static List<byte[]> inclusionProof(long index, long size, LongFunction<byte[]> leaves) {
        if (index < 0 || index >= size) {
            throw new IllegalArgumentException("leaf " + index + " is not in a tree of " + size);
        }
        List<byte[]> path = new ArrayList<>();
        path(index, 0, size, leaves, path);
        return path;
    }

    /** The proof that the tree of {@code first} leaves is a prefix of the tree of {@code second} (RFC 6962 2.1.2). */
    public static List<byte[]> consistencyProof(long first, long second, LongFunction<byte[]> leaves) {
        if (first < 0 || first > second) {
            throw new IllegalArgumentException("no consistency proof from " + first + " to " + second);
        }
        List<byte[]> proof = new ArrayList<>();
        if (first > 0 && first < second) {
            subproof(first, 0, second, true, leaves, proof);
        }
        return proof;
    }

    /** RFC 9162 2.1.3.2: whether {@code path} proves that {@code leafHash} is leaf {@code index} of {@code root}. */
    public static boolean verifyInclusion(long index, long size, byte[] leafHash, List<byte[]> path, byte[] root) {
        if (index < 0 || index >= size) {
            return false;
        }
        long fn = index;
        long sn = size - 1;
        byte[] r = leafHash;
        for (byte[] p : path) {
            if (sn == 0) {
                return false;
            }
            if ((fn & 1) == 1 || fn == sn) {
                r = nodeHash(p, r);
                while ((fn & 1) == 0 && fn != 0) {
                    fn >>= 1;
                    sn >>= 1;
                }
            } else {
                r = nodeHash(r, p);
            }
            fn >>= 1;
            sn >>= 1;
        }
        return sn == 0 && Arrays.equals(r, root);
    }

    /** RFC 9162 2.1.4.2: whether {@code proof} shows the tree {@code (first, firstRoot)} is a prefix of the other. */
    public static boolean verifyConsistency(long first, long second, byte[] firstRoot, byte[] secondRoot,
                                            List<byte[]> proof) {
        if (first < 0 || first > second) {
            return false;
        }
        if (first == second) {
            return proof.isEmpty() && Arrays.equals(firstRoot, secondRoot);
        }
        if (first == 0) {
            return proof.isEmpty() && Arrays.equals(firstRoot, emptyRoot());
        }
        if (proof.isEmpty()) {
            return false;
        }
        List<byte[]> path = new ArrayList<>(proof.size() + 1);
        if ((first & (first - 1)) == 0) {
            path.add(firstRoot);
        }
        path.addAll(proof);
        long fn = first - 1;
        long sn = second - 1;
        while ((fn & 1) == 1) {
            fn >>= 1;
            sn >>= 1;
        }
        byte[] fr = path.get(0);
        byte[] sr = path.get(0);
        for (byte[] c : path.subList(1, path.size())) {
            if (sn == 0) {
                return false;
            }
            if ((fn & 1) == 1 || fn == sn) {
                fr = nodeHash(c, fr);
                sr = nodeHash(c, sr);
                while ((fn & 1) == 0 && fn != 0) {
                    fn >>= 1;
                    sn >>= 1;
                }
            } else {
                sr = nodeHash(sr, c);
            }
            fn >>= 1;
            sn >>= 1;
        }
        return sn == 0 && Arrays.equals(fr, firstRoot) && Arrays.equals(sr, secondRoot);
    }

    /** Largest power of two strictly smaller than {@code n} ({@code n >= 2}): the RFC's split point. */
    static long split(long n) {
        return Long.highestOneBit(n - 1);
    }

    private static byte[] subtree(long from, long to, LongFunction<byte[]> leaves) {
        long n = to - from;
        if (n == 1) {
            return leaves.apply(from);
        }
        long k = split(n);
        return nodeHash(subtree(from, from + k, leaves), subtree(from + k, to, leaves));
    }

    private static void path(long index, long from, long to, LongFunction<byte[]> leaves, List<byte[]> out) {
        long n = to - from;
        if (n == 1) {
            return;
        }
        long k = split(n);
        if (index < from + k) {
            path(index, from, from + k, leaves, out);
            out.add(subtree(from + k, to, leaves));
        } else {
            path(index, from + k, to, leaves, out);
            out.add(subtree(from, from + k, leaves));
        }
    }

    private static void subproof(long m, long from, long to, boolean complete, LongFunction<byte[]> leaves,
                                 List<byte[]> out) {
        long n = to - from;
        if (m == n) {
            if (!complete) {
                out.add(subtree(from, to, leaves));
            }
            return;
        }
        long k = split(n);
        if (m <= k) {
            subproof(m, from, from + k, complete, leaves, out);
            out.add(subtree(from + k, to, leaves));
        } else {
            subproof(m - k, from + k, to, false, leaves, out);
            out.add(subtree(from, from + k, leaves));
        }
    }

    static MessageDigest sha256() {
        try {
            return MessageDigest.getInstance("SHA-256");
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("every Java runtime must provide SHA-256", e);
        }
    }
}
