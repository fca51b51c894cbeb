package org.povertyledger.query.household.config;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;

import org.axonframework.config.ConfigurerModule;
import org.bson.Document;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.povertyledger.query.household.HouseholdHistoryProjection;
import org.povertyledger.query.household.HouseholdQueryHandler;
import org.povertyledger.query.household.HouseholdViewIndexes;
import org.povertyledger.query.household.HouseholdViewProjection;
import org.povertyledger.query.support.EmbeddedMongo;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;

import com.mongodb.client.MongoDatabase;

/** The read side's beans come up on nothing but the application's MongoDatabase. */
class HouseholdQueryConfigurationTest {

    @RegisterExtension
    static final EmbeddedMongo mongo = new EmbeddedMongo();

    @Test
    void theProjectionsQueryHandlerIndexesAndErrorHandlingAreDefinedOnTheApplicationsDatabase() {
        MongoDatabase database = mongo.freshDatabase();
        new ApplicationContextRunner()
                .withBean(MongoDatabase.class, () -> database)
                .withUserConfiguration(HouseholdQueryConfiguration.class)
                .run(context -> {
                    assertThat(context).hasNotFailed();
                    assertThat(context).hasSingleBean(HouseholdViewProjection.class);
                    assertThat(context).hasSingleBean(HouseholdHistoryProjection.class);
                    assertThat(context).hasSingleBean(HouseholdQueryHandler.class);
                    assertThat(context).hasSingleBean(HouseholdViewIndexes.class);
                    assertThat(context).hasSingleBean(ConfigurerModule.class);
                });
        List<String> indexes = new ArrayList<>();
        database.getCollection("household_view").listIndexes().forEach(i -> indexes.add(i.getString("name")));
        assertThat(indexes).contains("commune_village_id", "commune_status_id", "status_id");
    }
}
