package org.povertyledger.command.ledger.audit;

import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.HexFormat;
import java.util.List;
import java.util.function.LongFunction;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * RFC 6962 tree hashing against the Certificate Transparency known-answer vectors (the eight leaves and roots of
 * {@code merkle_tree_test.cc}), and every inclusion and consistency proof of trees of 1..8 leaves against a naive
 * recomputation from the definition.
 */
class MerkleTreeTest {

    private static final HexFormat HEX = HexFormat.of();

    /** The CT test leaves (leaf data, before leaf hashing). */
    private static final List<String> LEAVES = List.of("", "00", "10", "2021", "3031", "40414243",
            "5051525354555657", "606162636465666768696a6b6c6d6e6f");

    /** Roots of the trees of the first 1..8 leaves. */
    private static final List<String> ROOTS = List.of(
            "6e340b9cffb37a989ca544e6bb780a2c78901d3fb33738768511a30617afa01d",
            "fac54203e7cc696cf0dfcb42c92a1d9dbaf70ad9e621f4bd8d98662f00e3c125",
            "aeb6bcfe274b70a14fb067a5e5578264db0fa9b51af5e0ba159158f329e06e77",
            "d37ee418976dd95753c1c73862b9398fa2a2cf9b4ff0fdfe8b30cd95209614b7",
            "4e3bbb1f7b478dcfe71fb631631519a3bca12c9aefca1612bfce4c13a86264d4",
            "76e67dadbcdf1e10e1b74ddc608abd2f98dfb16fbce75277b5232a127f2087ef",
            "ddb89be403809e325750d3d263cd78929c2942b7942a34b77e122c9594a74c8c",
            "5dc9da79a70659a9ad559cb701ded9a2ab9d823aad2f4960cfe370eff4604328");

    private final byte[][] leafHashes = LEAVES.stream().map(l -> MerkleTree.leafHash(HEX.parseHex(l)))
            .toArray(byte[][]::new);
    private final LongFunction<byte[]> leaves = i -> leafHashes[(int) i];

    @Test
    void theEmptyTreeHashesToTheSha256OfNothing() {
        assertThat(HEX.formatHex(MerkleTree.root(0, leaves)))
                .isEqualTo("e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855");
        assertThat(new MerkleFrontier().rootHex()).isEqualTo(HEX.formatHex(MerkleTree.emptyRoot()));
    }

    @Test
    void rootsMatchTheCertificateTransparencyVectors() {
        MerkleFrontier frontier = new MerkleFrontier();
        for (int size = 1; size <= 8; size++) {
            frontier.addLeafData(HEX.parseHex(LEAVES.get(size - 1)));
            assertThat(HEX.formatHex(MerkleTree.root(size, leaves))).as("root of %d", size).isEqualTo(ROOTS.get(size - 1));
            assertThat(frontier.rootHex()).as("frontier root of %d", size).isEqualTo(ROOTS.get(size - 1));
            assertThat(HEX.formatHex(naiveRoot(0, size))).isEqualTo(ROOTS.get(size - 1));
        }
    }

    @Test
    void aRestoredFrontierContinuesWhereItStopped() {
        MerkleFrontier frontier = new MerkleFrontier();
        for (int i = 0; i < 5; i++) {
            frontier.addLeafData(HEX.parseHex(LEAVES.get(i)));
        }
        MerkleFrontier restored = MerkleFrontier.restore(frontier.size(), frontier.hexRoots());
        for (int i = 5; i < 8; i++) {
            restored.addLeafData(HEX.parseHex(LEAVES.get(i)));
        }
        assertThat(restored.rootHex()).isEqualTo(ROOTS.get(7));
        assertThat(frontier.hexRoots()).hasSize(2);
    }

    @Test
    void everyInclusionProofOfTreesUpToEightLeavesVerifiesAndMatchesTheDefinition() {
        for (int size = 1; size <= 8; size++) {
            byte[] root = HEX.parseHex(ROOTS.get(size - 1));
            for (int index = 0; index < size; index++) {
                List<byte[]> proof = MerkleTree.inclusionProof(index, size, leaves);
                assertThat(hex(proof)).as("path of %d in %d", index, size).isEqualTo(hex(naivePath(index, 0, size)));
                assertThat(MerkleTree.verifyInclusion(index, size, leafHashes[index], proof, root)).isTrue();
                // The same path does not prove another leaf, another index, or another root.
                byte[] other = leafHashes[(index + 1) % 8];
                assertThat(MerkleTree.verifyInclusion(index, size, other, proof, root)).isFalse();
                if (size > 1) {
                    assertThat(MerkleTree.verifyInclusion((index + 1) % size, size, leafHashes[index], proof, root))
                            .isFalse();
                    assertThat(MerkleTree.verifyInclusion(index, size, leafHashes[index], proof,
                            HEX.parseHex(ROOTS.get(size % 8)))).isFalse();
                }
            }
        }
    }

    @Test
    void everyConsistencyProofBetweenTreesUpToEightLeavesVerifiesAndMatchesTheDefinition() {
        for (int second = 1; second <= 8; second++) {
            for (int first = 1; first <= second; first++) {
                List<byte[]> proof = MerkleTree.consistencyProof(first, second, leaves);
                assertThat(hex(proof)).as("proof %d..%d", first, second).isEqualTo(hex(naiveConsistency(first, second)));
                byte[] firstRoot = HEX.parseHex(ROOTS.get(first - 1));
                byte[] secondRoot = HEX.parseHex(ROOTS.get(second - 1));
                assertThat(MerkleTree.verifyConsistency(first, second, firstRoot, secondRoot, proof)).isTrue();
                if (first < second) {
                    // A tree that is not a prefix: a different first root, or proof elements tampered with.
                    assertThat(MerkleTree.verifyConsistency(first, second, secondRoot, secondRoot, proof)).isFalse();
                    List<byte[]> damaged = new ArrayList<>(proof);
                    byte[] flipped = damaged.get(0).clone();
                    flipped[0] ^= 1;
                    damaged.set(0, flipped);
                    assertThat(MerkleTree.verifyConsistency(first, second, firstRoot, secondRoot, damaged)).isFalse();
                }
            }
        }
    }

    @Test
    void theKnownConsistencyProofFromOneToEightLeaves() {
        // The CT vector for first=1, second=8: the sibling leaf hash and the roots of the subtrees to the right.
        List<byte[]> proof = MerkleTree.consistencyProof(1, 8, leaves);
        assertThat(hex(proof)).containsExactly(
                "96a296d224f285c67bee93c30f8a309157f0daa35dc5b87e410b78630a09cfc7",
                "5f083f0a1a33ca076a95279832580db3e0ef4584bdff1f54c8a360f50de3031e",
                "6b47aaf29ee3c2af9af889bc1fb9254dabd31177f16232dd6aab035ca39bf6e4");
    }

    private byte[] naiveRoot(int from, int to) {
        if (to - from == 1) {
            return leafHashes[from];
        }
        int k = 1;
        while (k * 2 < to - from) {
            k *= 2;
        }
        return MerkleTree.nodeHash(naiveRoot(from, from + k), naiveRoot(from + k, to));
    }

    private List<byte[]> naivePath(int index, int from, int to) {
        List<byte[]> path = new ArrayList<>();
        if (to - from == 1) {
            return path;
        }
        int k = 1;
        while (k * 2 < to - from) {
            k *= 2;
        }
        if (index < from + k) {
            path.addAll(naivePath(index, from, from + k));
            path.add(naiveRoot(from + k, to));
        } else {
            path.addAll(naivePath(index, from + k, to));
            path.add(naiveRoot(from, from + k));
        }
        return path;
    }

    private List<byte[]> naiveConsistency(int m, int n) {
        return m == n ? List.of() : naiveSubproof(m, 0, n, true);
    }

    private List<byte[]> naiveSubproof(int m, int from, int to, boolean complete) {
        List<byte[]> out = new ArrayList<>();
        int n = to - from;
        if (m == n) {
            if (!complete) {
                out.add(naiveRoot(from, to));
            }
            return out;
        }
        int k = 1;
        while (k * 2 < n) {
            k *= 2;
        }
        if (m <= k) {
            out.addAll(naiveSubproof(m, from, from + k, complete));
            out.add(naiveRoot(from + k, to));
        } else {
            out.addAll(naiveSubproof(m - k, from + k, to, false));
            out.add(naiveRoot(from, from + k));
        }
        return out;
    }

    private static List<String> hex(List<byte[]> hashes) {
        return hashes.stream().map(HEX::formatHex).toList();
    }

    @Test
    void leafAndNodeHashesAreDomainSeparated() {
        byte[] a = leafHashes[1];
        byte[] b = leafHashes[2];
        byte[] concatenated = Arrays.copyOf(a, 64);
        System.arraycopy(b, 0, concatenated, 32, 32);
        assertThat(MerkleTree.leafHash(concatenated)).isNotEqualTo(MerkleTree.nodeHash(a, b));
    }
}
