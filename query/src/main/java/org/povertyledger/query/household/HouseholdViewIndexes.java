package org.povertyledger.query.household;

import org.bson.Document;

import com.mongodb.client.MongoCollection;
import com.mongodb.client.MongoDatabase;
import com.mongodb.client.model.IndexOptions;
import com.mongodb.client.model.Indexes;

/**
 * Ordinary indexes for the household list on a real MongoDB: equality filters first, the sort key
 * ({@code _id}) last. Reads and projection writes by household go through the implicit unique
 * {@code _id} index. The embedded server accepts and ignores these. Creating an index that exists is a
 * no-op, so this runs on every start.
 */
public final class HouseholdViewIndexes {

    private final MongoCollection<Document> views;

    public HouseholdViewIndexes(MongoDatabase database) {
        this.views = database.getCollection(HouseholdViewDocument.COLLECTION);
    }

    public void ensure() {
        views.createIndex(Indexes.ascending(HouseholdViewDocument.COMMUNE_CODE, HouseholdViewDocument.VILLAGE,
                HouseholdViewDocument.ID), new IndexOptions().name("commune_village_id"));
        views.createIndex(Indexes.ascending(HouseholdViewDocument.COMMUNE_CODE, HouseholdViewDocument.STATUS,
                HouseholdViewDocument.ID), new IndexOptions().name("commune_status_id"));
        views.createIndex(Indexes.ascending(HouseholdViewDocument.STATUS, HouseholdViewDocument.ID),
                new IndexOptions().name("status_id"));
        views.createIndex(Indexes.ascending(HouseholdViewDocument.COMMUNE_CODE, HouseholdViewDocument.TRANSITION,
                HouseholdViewDocument.ID), new IndexOptions().name("commune_transition_id"));
        views.createIndex(Indexes.ascending(
                HouseholdViewDocument.TRANSITIONS + "." + TransitionEntry.REVIEW_YEAR,
                HouseholdViewDocument.TRANSITIONS + "." + TransitionEntry.TRANSITION, HouseholdViewDocument.ID),
                new IndexOptions().name("year_transition_id"));
    }
}
