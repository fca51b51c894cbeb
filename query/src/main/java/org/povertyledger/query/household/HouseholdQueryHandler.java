package org.povertyledger.query.household;

import static com.mongodb.client.model.Filters.and;
import static com.mongodb.client.model.Filters.elemMatch;
import static com.mongodb.client.model.Filters.eq;
import static com.mongodb.client.model.Filters.in;

import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

import org.axonframework.queryhandling.QueryHandler;
import org.bson.Document;
import org.bson.conversions.Bson;
import org.povertyledger.query.support.ProjectionPositions;
import org.povertyledger.shared.common.Require;
import org.povertyledger.shared.common.ValidationException;
import org.povertyledger.shared.household.query.FindHouseholdHistoryQuery;
import org.povertyledger.shared.household.query.FindHouseholdQuery;
import org.povertyledger.shared.household.query.FindHouseholdsQuery;
import org.povertyledger.shared.household.query.HouseholdHistoryView;
import org.povertyledger.shared.household.query.HouseholdPage;
import org.povertyledger.shared.household.query.HouseholdSummary;
import org.povertyledger.shared.household.query.HouseholdView;

import com.mongodb.client.MongoCollection;
import com.mongodb.client.MongoDatabase;
import com.mongodb.client.model.Projections;
import com.mongodb.client.model.Sorts;

/**
 * Answers the household queries from the two projections' collections. Single households are read by
 * {@code _id}; the list filters on the current fields and is sorted by household id.
 */
public class HouseholdQueryHandler {

    /** Largest page the list answers. */
    public static final int MAX_PAGE_SIZE = 500;

    private final MongoCollection<Document> views;
    private final MongoCollection<Document> histories;
    private final ProjectionPositions positions;

    public HouseholdQueryHandler(MongoDatabase database) {
        this.views = database.getCollection(HouseholdViewDocument.COLLECTION);
        this.histories = database.getCollection(HouseholdHistoryDocument.COLLECTION);
        this.positions = new ProjectionPositions(database);
    }

    /** The household now, or on {@code asOf}; empty when no such household is registered. */
    @QueryHandler
    public Optional<HouseholdView> handle(FindHouseholdQuery query) {
        Require.present("householdId", query.householdId());
        Document document = views.find(eq("_id", query.householdId())).first();
        return Optional.ofNullable(document)
                .map(HouseholdViewDocument::fromDocument)
                .map(view -> view.toView(query.asOf()));
    }

    /** Every event of the household, oldest first; empty when the household has no history. */
    @QueryHandler
    public Optional<HouseholdHistoryView> handle(FindHouseholdHistoryQuery query) {
        Require.present("householdId", query.householdId());
        Document document = histories.find(eq("_id", query.householdId())).first();
        return Optional.ofNullable(document)
                .map(HouseholdHistoryDocument::fromDocument)
                .map(HouseholdHistoryDocument::toView);
    }

    /** A page of the households matching every given filter, by household id. */
    @QueryHandler
    public HouseholdPage handle(FindHouseholdsQuery query) {
        requireValidPage(query.page(), query.size());
        requireTransitionWithYear(query.transition() != null, query.transitionYear());
        int skip = query.page() * query.size();

        // Read the position first: the page then reflects at least that position.
        long position = positions.position(HouseholdViewProjection.PROCESSING_GROUP);
        Bson filter = filterOf(query);
        List<HouseholdSummary> items = new ArrayList<>();
        views.find(filter)
                .projection(Projections.include(HouseholdViewDocument.SUMMARY_FIELDS))
                .sort(Sorts.ascending(HouseholdViewDocument.ID))
                .skip(skip)
                .limit(query.size())
                .forEach(document -> items.add(HouseholdViewDocument.summaryOf(document)));
        long total = views.countDocuments(filter);
        return new HouseholdPage(List.copyOf(items), query.page(), query.size(), total, position);
    }

    /**
     * The commune each of these households is in now (its registration or latest details change); a household
     * that is not registered is absent from the answer. One query by {@code _id}, whatever the number of ids.
     */
    public Map<String, String> communesOf(Collection<String> householdIds) {
        Map<String, String> communes = new HashMap<>();
        if (householdIds.isEmpty()) {
            return communes;
        }
        views.find(in(HouseholdViewDocument.ID, Set.copyOf(householdIds)))
                .projection(Projections.include(HouseholdViewDocument.COMMUNE_CODE))
                .forEach(document -> communes.put(document.getString(HouseholdViewDocument.ID),
                        document.getString(HouseholdViewDocument.COMMUNE_CODE)));
        return communes;
    }

    /**
     * Pages are numbered from 0 and hold 1 to {@value #MAX_PAGE_SIZE} households; the page must start
     * within the first 2^31-1 households.
     *
     * @throws org.povertyledger.shared.common.ValidationException naming {@code page} or {@code size}
     */
    public static void requireValidPage(int page, int size) {
        Require.range("size", size, 1, MAX_PAGE_SIZE);
        Require.range("page", page, 0, Integer.MAX_VALUE / size);
    }

    /**
     * A transition year narrows a transition filter and means nothing without one; it is a review year.
     *
     * @throws org.povertyledger.shared.common.ValidationException naming {@code transitionYear}
     */
    public static void requireTransitionWithYear(boolean transitionGiven, Integer transitionYear) {
        if (transitionYear == null) {
            return;
        }
        if (!transitionGiven) {
            throw new ValidationException("transitionYear", "requires-transition",
                    "transitionYear narrows the transition filter; give transition too");
        }
        Require.range("transitionYear", transitionYear, 2000, 2100);
    }

    static Bson filterOf(FindHouseholdsQuery query) {
        List<Bson> filters = new ArrayList<>();
        if (!query.scope().national()) {
            // In the query, not after it: pages stay full and the total counts only what the user may see.
            filters.add(in(HouseholdViewDocument.COMMUNE_CODE, query.scope().units()));
        }
        if (query.communeCode() != null) {
            filters.add(eq(HouseholdViewDocument.COMMUNE_CODE, query.communeCode()));
        }
        if (query.village() != null) {
            filters.add(eq(HouseholdViewDocument.VILLAGE, query.village()));
        }
        if (query.status() != null) {
            filters.add(eq(HouseholdViewDocument.STATUS, query.status().name()));
        }
        if (query.ethnicMinority() != null) {
            filters.add(eq(HouseholdViewDocument.ETHNIC_MINORITY, query.ethnicMinority()));
        }
        if (query.transition() != null && query.transitionYear() == null) {
            filters.add(eq(HouseholdViewDocument.TRANSITION, query.transition().name()));
        } else if (query.transition() != null) {
            // one entry holding both: the year's latest change, not a change of another year
            filters.add(elemMatch(HouseholdViewDocument.TRANSITIONS, and(
                    eq(TransitionEntry.REVIEW_YEAR, query.transitionYear()),
                    eq(TransitionEntry.TRANSITION, query.transition().name()))));
        }
        return filters.isEmpty() ? new Document() : and(filters);
    }
}
