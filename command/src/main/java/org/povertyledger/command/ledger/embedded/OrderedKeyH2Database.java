package org.povertyledger.command.ledger.embedded;

import java.util.List;

import de.bwaldvogel.mongo.MongoCollection;
import de.bwaldvogel.mongo.backend.CollectionOptions;
import de.bwaldvogel.mongo.backend.CursorRegistry;
import de.bwaldvogel.mongo.backend.Index;
import de.bwaldvogel.mongo.backend.IndexKey;
import de.bwaldvogel.mongo.backend.KeyValue;
import de.bwaldvogel.mongo.backend.h2.H2Collection;
import de.bwaldvogel.mongo.backend.h2.H2Database;
import de.bwaldvogel.mongo.bson.Document;
import org.h2.mvstore.MVMap;
import org.h2.mvstore.MVStore;

/**
 * An H2 database whose unique indexes compare keys in memory ({@link KeyValueType}) and whose collections store
 * documents as BSON ({@link DocumentValueType}).
 */
final class OrderedKeyH2Database extends H2Database {

    /**
     * Static because the superclass constructor already opens the existing indexes, before a field of this class
     * could be assigned.
     */
    private static final ThreadLocal<MVStore> OPENING = new ThreadLocal<>();
    /** The map names of {@link H2Database}: documents, and the collection's own metadata. */
    private static final String DATA_PREFIX = "databases.";
    private static final String META_PREFIX = "meta.";

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

    @Override
    protected MongoCollection<Object> openOrCreateCollection(String collectionName, CollectionOptions options) {
        MVStore mvStore = store != null ? store : OPENING.get();
        String fullName = getFullCollectionNamespace(collectionName);
        MVMap<Object, Document> dataMap = mvStore.openMap(DATA_PREFIX + fullName,
                new MVMap.Builder<Object, Document>().valueType(documents()));
        MVMap<String, Object> metaMap = mvStore.openMap(META_PREFIX + fullName);
        return new H2Collection(this, collectionName, options, dataMap, metaMap, cursorRegistry);
    }

    @SuppressWarnings({"unchecked", "rawtypes"})
    private static org.h2.mvstore.type.DataType<Document> documents() {
        return (org.h2.mvstore.type.DataType) DocumentValueType.INSTANCE;
    }
}
