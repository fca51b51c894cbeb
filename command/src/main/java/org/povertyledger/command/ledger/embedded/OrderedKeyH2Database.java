package org.povertyledger.command.ledger.embedded;

import java.util.List;

import de.bwaldvogel.mongo.backend.CursorRegistry;
import de.bwaldvogel.mongo.backend.Index;
import de.bwaldvogel.mongo.backend.IndexKey;
import de.bwaldvogel.mongo.backend.KeyValue;
import de.bwaldvogel.mongo.backend.h2.H2Database;
import org.h2.mvstore.MVMap;
import org.h2.mvstore.MVStore;

/** An H2 database whose unique indexes compare keys in memory ({@link KeyValueType}). */
final class OrderedKeyH2Database extends H2Database {

    /**
     * Static because the superclass constructor already opens the existing indexes, before a field of this class
     * could be assigned.
     */
    private static final ThreadLocal<MVStore> OPENING = new ThreadLocal<>();

    private OrderedKeyH2Database(String name, MVStore store, CursorRegistry cursorRegistry) {
        super(name, store, cursorRegistry);
    }

    static OrderedKeyH2Database open(String name, MVStore store, CursorRegistry cursorRegistry) {
        OPENING.set(store);
        try {
            OrderedKeyH2Database database = new OrderedKeyH2Database(name, store, cursorRegistry);
            database.store = store;
            return database;
        } finally {
            OPENING.remove();
        }
    }

    private MVStore store;

    @Override
    protected Index<Object> openOrCreateUniqueIndex(String collectionName, String indexName, List<IndexKey> keys,
                                                    boolean sparse) {
        MVStore mvStore = store != null ? store : OPENING.get();
        MVMap<KeyValue, Object> map = mvStore.openMap(getFullCollectionNamespace(collectionName) + "._index_" + indexName,
                new MVMap.Builder<KeyValue, Object>().keyType(KeyValueType.INSTANCE));
        return new OrderedKeyUniqueIndex(map, indexName, keys, sparse);
    }
}
