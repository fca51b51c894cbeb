package org.povertyledger.command.ledger.audit;

import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;

/**
 * The compact range of a growing RFC 6962 tree: the roots of its perfect subtrees, largest (leftmost) first, one
 * per set bit of the size. Appending a leaf costs O(1) amortised and the root O(log n), so whoever follows the
 * log (the checkpointer, the offline verifier) never rebuilds the tree. The state is small enough to store with
 * each checkpoint and resume from there.
 */
public final class MerkleFrontier {

    private static final HexFormat HEX = HexFormat.of();

    private long size;
    private final List<byte[]> roots = new ArrayList<>();

    public MerkleFrontier() {
    }

    /**
     * Resumes from a stored state.
     *
     * @throws IllegalArgumentException when the number of roots does not match the size
     */
    public static MerkleFrontier restore(long size, List<String> hexRoots) {
        if (size < 0 || Long.bitCount(size) != hexRoots.size()) {
            throw new IllegalArgumentException("a frontier of " + size + " leaves has " + Long.bitCount(Math.max(0, size))
                    + " subtree roots, not " + hexRoots.size());
        }
        MerkleFrontier frontier = new MerkleFrontier();
        frontier.size = size;
        hexRoots.forEach(h -> frontier.roots.add(HEX.parseHex(h)));
        return frontier;
    }

    public long size() {
        return size;
    }

    /** Adds the leaf whose data is {@code data} (the event's chain hash, raw bytes). */
    public void addLeafData(byte[] data) {
        addLeafHash(MerkleTree.leafHash(data));
    }

    public void addLeafHash(byte[] leafHash) {
        byte[] carry = leafHash;
        // Each trailing one bit of the old size is a perfect subtree of the same height as the carry: merge.
        for (long s = size; (s & 1) == 1; s >>= 1) {
            carry = MerkleTree.nodeHash(roots.remove(roots.size() - 1), carry);
        }
        roots.add(carry);
        size++;
    }

    public byte[] root() {
        if (roots.isEmpty()) {
            return MerkleTree.emptyRoot();
        }
        byte[] r = roots.get(roots.size() - 1);
        for (int i = roots.size() - 2; i >= 0; i--) {
            r = MerkleTree.nodeHash(roots.get(i), r);
        }
        return r;
    }

    public String rootHex() {
        return HEX.formatHex(root());
    }

    /** The subtree roots as lowercase hex, for {@link #restore(long, List)}. */
    public List<String> hexRoots() {
        return roots.stream().map(HEX::formatHex).toList();
    }

    public MerkleFrontier copy() {
        return restore(size, hexRoots());
    }
}
