package org.povertyledger.command.personaldata;

import static org.assertj.core.api.Assertions.assertThat;

import java.security.SecureRandom;
import java.time.Instant;
import java.util.HashMap;
import java.util.Map;

import org.junit.jupiter.api.Test;
import org.povertyledger.command.ledger.PayloadProtection.Form;
import org.povertyledger.shared.household.event.AssessmentRecordedEvent;
import org.povertyledger.shared.household.event.HouseholdRegisteredEvent;
import org.povertyledger.shared.household.event.PersonalFields;

class PersonalDataProtectionTest {

    private static final String REGISTERED = HouseholdRegisteredEvent.class.getName();
    private static final String PAYLOAD = "{\"householdId\":\"HH-1\",\"communeCode\":\"24541\",\"headName\":\"Y Thi Mlo\","
            + "\"members\":5}";
    private static final String META = "{\"actorId\":\"officer\",\"reason\":\"asked by Y Bhim\"}";

    private final Keys keys = new Keys();
    private final PersonalDataProtection protection = new PersonalDataProtection(keys);

    @Test
    void sealsNameAndMetadataReasonAndOpensThemWhileTheKeyExists() {
        Form stored = protection.seal(REGISTERED, PAYLOAD, META);
        assertThat(stored.payload()).doesNotContain("Y Thi Mlo").contains("\"enc\":\"v1\"").contains("\"members\":5");
        assertThat(stored.metaData()).doesNotContain("Y Bhim").contains("\"actorId\":\"officer\"");
        Form read = protection.open(REGISTERED, stored.payload(), stored.metaData());
        assertThat(read.payload()).isEqualTo(PAYLOAD);
        assertThat(read.metaData()).isEqualTo(META);
    }

    @Test
    void everySealUsesAFreshNonce() {
        assertThat(protection.seal(REGISTERED, PAYLOAD, META).payload())
                .isNotEqualTo(protection.seal(REGISTERED, PAYLOAD, META).payload());
    }

    @Test
    void readsErasedOnceTheKeyIsDestroyedAndMasksLegacyPlaintextToo() {
        Form stored = protection.seal(REGISTERED, PAYLOAD, META);
        keys.destroy("HH-1", "admin", Instant.now());
        Form read = protection.open(REGISTERED, stored.payload(), stored.metaData());
        assertThat(read.payload()).contains("\"headName\":\"" + PersonalFields.ERASED + "\"");
        assertThat(read.metaData()).contains("\"reason\":\"" + PersonalFields.ERASED + "\"");
        assertThat(protection.open(REGISTERED, PAYLOAD, META).payload())
                .as("a legacy plaintext event of an erased household")
                .contains("\"headName\":\"" + PersonalFields.ERASED + "\"");
        assertThat(protection.seal(REGISTERED, PAYLOAD, null).payload())
                .as("personal text recorded after the erasure is not kept")
                .contains("\"headName\":\"" + PersonalFields.ERASED + "\"");
    }

    @Test
    void legacyPlaintextOfAHouseholdWithoutKeyReadsAsStored() {
        assertThat(protection.open(REGISTERED, PAYLOAD, META)).isEqualTo(new Form(PAYLOAD, META));
    }

    @Test
    void aCiphertextMovedToAnotherHouseholdDoesNotOpen() {
        Form stored = protection.seal(REGISTERED, PAYLOAD, null);
        keys.keys.put("HH-2", keys.keys.get("HH-1"));
        Form moved = protection.open(REGISTERED, stored.payload().replace("HH-1", "HH-2"), null);
        assertThat(moved.payload()).contains("\"headName\":\"" + PersonalFields.ERASED + "\"");
    }

    @Test
    void leavesEventsWithoutPersonalFieldsUntouchedAndCreatesNoKeyForThem() {
        String assessed = "{\"householdId\":\"HH-3\",\"reviewYear\":2024}";
        Form stored = protection.seal(AssessmentRecordedEvent.class.getName(), assessed, "{\"actorId\":\"x\"}");
        assertThat(stored).isEqualTo(new Form(assessed, "{\"actorId\":\"x\"}"));
        assertThat(keys.keys).doesNotContainKey("HH-3");
    }

    /** Keys held in memory, as a key management service would hold them. */
    private static final class Keys implements HouseholdKeyStore {

        final Map<String, KeyState> keys = new HashMap<>();

        @Override
        public KeyState lookup(String householdId) {
            return keys.getOrDefault(householdId, KeyState.NONE);
        }

        @Override
        public KeyState keyForWriting(String householdId) {
            return keys.computeIfAbsent(householdId, id -> {
                byte[] material = new byte[32];
                new SecureRandom().nextBytes(material);
                return KeyState.active(new DataKey("k-" + id, material));
            });
        }

        @Override
        public boolean destroy(String householdId, String erasedBy, Instant erasedAt) {
            return keys.put(householdId, KeyState.ERASED) != KeyState.ERASED;
        }
    }
}
