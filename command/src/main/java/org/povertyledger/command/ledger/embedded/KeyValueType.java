package org.povertyledger.command.ledger.embedded;

import java.nio.ByteBuffer;

import de.bwaldvogel.mongo.backend.KeyValue;
import de.bwaldvogel.mongo.backend.ValueComparator;
import org.h2.mvstore.WriteBuffer;
import org.h2.mvstore.type.BasicDataType;
import org.h2.mvstore.type.ObjectDataType;

/**
 * Key type of the unique-index maps: stored exactly as H2's generic object type stores them, but ordered by
 * comparing the key values in memory with MongoDB's value ordering.
 * <p>
 * The stock index maps use H2's generic type, which cannot compare mongo-java-server's {@link KeyValue} (it is not
 * {@code Comparable}) and so Java-serializes both keys on every comparison of every B-tree descent. That made index
 * lookups the largest cost of appends and catch-up reads. The order differs from the stock one, so a store file
 * is only ever opened with one of the two (see {@link StoreFormat}).
 */
final class KeyValueType extends BasicDataType<KeyValue> {

    static final KeyValueType INSTANCE = new KeyValueType();

    private static final ValueComparator VALUES = ValueComparator.asc();
    private final ObjectDataType storage = new ObjectDataType();

    private KeyValueType() {
    }

    @Override
    public int compare(KeyValue a, KeyValue b) {
        if (a == b) {
            return 0;
        }
        int common = Math.min(a.size(), b.size());
        for (int i = 0; i < common; i++) {
            int c = VALUES.compare(a.get(i), b.get(i));
            if (c != 0) {
                return c;
            }
        }
        return Integer.compare(a.size(), b.size());
    }

    @Override
    public int getMemory(KeyValue key) {
        return storage.getMemory(key);
    }

    @Override
    public void write(WriteBuffer buffer, KeyValue key) {
        storage.write(buffer, key);
    }

    @Override
    public KeyValue read(ByteBuffer buffer) {
        return (KeyValue) storage.read(buffer);
    }

    @Override
    public KeyValue[] createStorage(int size) {
        return new KeyValue[size];
    }
}
