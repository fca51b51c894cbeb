package org.povertyledger.command.ledger.embedded;

import java.util.ArrayList;
import java.util.List;
import java.util.Map.Entry;

import de.bwaldvogel.mongo.backend.AbstractUniqueIndex;
import de.bwaldvogel.mongo.backend.IndexKey;
import de.bwaldvogel.mongo.backend.KeyValue;
import de.bwaldvogel.mongo.backend.Missing;
import de.bwaldvogel.mongo.backend.ValueComparator;
import de.bwaldvogel.mongo.bson.Document;
import org.h2.mvstore.Cursor;
import org.h2.mvstore.MVMap;

/**
 * A unique index over an MVMap keyed with {@link KeyValueType}; otherwise the same as the stock H2 index, plus one
 * query shape the stock index answers with a collection scan: a half-open numeric range on a single-field index,
 * {@code {field: {$gte: a, $lt: b}}}. The map is ordered by MongoDB's value order, so the range is a cursor from
 * {@code a} that stops before {@code b}. The server matches every document it loads against the whole filter
 * afterwards, so a position returned here that the filter does not accept is never answered.
 */
final class OrderedKeyUniqueIndex extends AbstractUniqueIndex<Object> {

    private static final ValueComparator VALUES = ValueComparator.asc();

    private final MVMap<KeyValue, Object> map;

    OrderedKeyUniqueIndex(MVMap<KeyValue, Object> map, String name, List<IndexKey> keys, boolean sparse) {
        super(name, keys, sparse);
        this.map = map;
    }

    @Override
    public synchronized boolean canHandle(Document query) {
        return range(query) != null || super.canHandle(query);
    }

    @Override
    public synchronized Iterable<Object> getPositions(Document query) {
        Number[] range = range(query);
        if (range == null) {
            return super.getPositions(query);
        }
        List<Object> positions = new ArrayList<>();
        Cursor<KeyValue, Object> cursor = map.cursor(new KeyValue(range[0]));
        while (cursor.hasNext()) {
            KeyValue key = cursor.next();
            if (VALUES.compare(key.get(0), range[1]) >= 0) {
                break;
            }
            positions.add(cursor.getValue());
        }
        return positions;
    }

    /** {@code [from, to)} if the query is exactly {@code {field: {$gte: from, $lt: to}}} on this index's one field. */
    private Number[] range(Document query) {
        if (isCompoundIndex() || query.size() != 1 || !query.keySet().equals(keySet())) {
            return null;
        }
        if (!(query.values().iterator().next() instanceof Document bounds) || bounds.size() != 2
                || !(bounds.get("$gte") instanceof Number from) || !(bounds.get("$lt") instanceof Number to)) {
            return null;
        }
        return new Number[] {from, to};
    }

    @Override
    protected Object removeDocument(KeyValue keyValue) {
        return map.remove(keyValue);
    }

    @Override
    protected boolean putKeyPosition(KeyValue keyValue, Object position) {
        return map.putIfAbsent(keyValue, Missing.ofNullable(position)) == null;
    }

    @Override
    protected Iterable<Entry<KeyValue, Object>> getIterable() {
        return map.entrySet();
    }

    @Override
    protected Object getPosition(KeyValue keyValue) {
        return map.get(keyValue);
    }

    @Override
    public long getCount() {
        return map.sizeAsLong();
    }

    @Override
    public boolean isEmpty() {
        return map.isEmpty();
    }

    @Override
    public long getDataSize() {
        return getCount();
    }
}
