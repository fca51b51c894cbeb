package org.povertyledger.command.ledger.embedded;

import org.h2.mvstore.MVMap;
import org.h2.mvstore.MVStore;

/**
 * Marks a store file with the layout this code writes, and refuses a file written with another one: index maps
 * ordered by a different comparator would silently miss keys.
 */
final class StoreFormat {

    static final String MAP_NAME = "povertyledger.storeFormat";
    /** 3: documents stored as BSON ({@link DocumentValueType}); a format-2 file is read as it is and marked 3. */
    static final int CURRENT = 3;
    private static final int JAVA_SERIALIZED_DOCUMENTS = 2;

    private StoreFormat() {
    }

    static void checkOrMark(MVStore store) {
        MVMap<String, Integer> meta = store.openMap(MAP_NAME);
        Integer format = meta.get("format");
        if (format == null) {
            boolean hasData = store.getMapNames().stream().anyMatch(name -> name.startsWith("databases."));
            if (hasData) {
                throw new IllegalStateException("the store file was written by an older version of the embedded store "
                        + "(format 1); export its data or start with an empty data directory");
            }
            meta.put("format", CURRENT);
            store.commit();
        } else if (format == JAVA_SERIALIZED_DOCUMENTS) {
            // Its documents stay readable (DocumentValueType reads both forms); from now on older code must not
            // open it, as it cannot read the new form.
            meta.put("format", CURRENT);
            store.commit();
        } else if (format != CURRENT) {
            throw new IllegalStateException("the store file has format " + format + ", this version reads format " + CURRENT);
        }
    }
}
