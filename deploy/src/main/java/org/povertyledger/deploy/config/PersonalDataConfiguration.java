package org.povertyledger.deploy.config;

import java.time.Duration;

import com.mongodb.client.MongoDatabase;
import org.povertyledger.command.ledger.PayloadProtection;
import org.povertyledger.command.personaldata.HouseholdKeyStore;
import org.povertyledger.command.personaldata.MongoHouseholdKeyStore;
import org.povertyledger.command.personaldata.PersonalDataProtection;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/** Households' data keys and the ledger hook that encrypts personal fields with them (crypto-shredding). */
@Configuration(proxyBeanMethods = false)
class PersonalDataConfiguration {

    @Bean
    HouseholdKeyStore householdKeyStore(MongoDatabase database,
                                        @Value("${povertyledger.personal-data.key-cache-seconds:30}") int ttlSeconds,
                                        @Value("${povertyledger.personal-data.key-cache-size:100000}") int size) {
        return new MongoHouseholdKeyStore(database, Duration.ofSeconds(ttlSeconds), size);
    }

    @Bean
    PayloadProtection payloadProtection(HouseholdKeyStore keys) {
        return new PersonalDataProtection(keys);
    }
}
