package org.povertyledger.query.report;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.InputStream;
import java.math.BigDecimal;
import java.time.Instant;
import java.time.LocalDate;
import java.util.List;
import java.util.Map;
import java.util.Set;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.networknt.schema.JsonSchema;
import com.networknt.schema.JsonSchemaFactory;
import com.networknt.schema.SpecVersion;
import com.networknt.schema.ValidationMessage;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.povertyledger.shared.common.ValidationException;
import org.povertyledger.shared.geography.value.UnitLevel;
import org.povertyledger.shared.indicator.query.IndicatorTableRow;
import org.povertyledger.shared.indicator.query.IndicatorTableView;
import org.povertyledger.shared.indicator.value.Direction;
import org.povertyledger.shared.indicator.value.UnitOfMeasure;

/** The DHIS2 exports against the documented dataValueSets shape (the JSON Schema shipped with the service). */
class Dhis2ExportTest {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static JsonSchema schema;

    @BeforeAll
    static void loadSchema() throws Exception {
        try (InputStream in = Dhis2ExportTest.class.getResourceAsStream("/dhis2/dataValueSets.schema.json")) {
            schema = JsonSchemaFactory.getInstance(SpecVersion.VersionFlag.V7).getSchema(in);
        }
    }

    static IndicatorTableView table() {
        return new IndicatorTableView("POVERTY_RATE", "Multidimensional poverty rate", UnitOfMeasure.PERCENT,
                Direction.LOWER_IS_BETTER, "653", 2024, LocalDate.of(2024, 12, 31), null, List.of(
                new IndicatorTableRow(null, "653", "Lak", UnitLevel.DISTRICT, true, new BigDecimal("25.00"), 5L, 20L,
                        null),
                new IndicatorTableRow(1, "24550", "Yang Tao", UnitLevel.COMMUNE, false, new BigDecimal("0.00"), 0L,
                        4L, null),
                new IndicatorTableRow(null, "24551", "Dak Nue", UnitLevel.COMMUNE, false, null, 0L, 0L, null)),
                412, Instant.parse("2025-03-01T00:00:00Z"));
    }

    private static Set<ValidationMessage> validate(Object document) {
        return schema.validate(JSON.valueToTree(document));
    }

    @Test
    void theExportWithCodesValidatesAndLeavesOutUnitsWithoutAValue() {
        Map<String, Object> set = Dhis2Export.dataValueSet(List.of(table()), new Dhis2Mapping(null, null, null));

        assertThat(validate(set)).isEmpty();
        JsonNode node = JSON.valueToTree(set);
        assertThat(node.get("dataElementIdScheme").asText()).isEqualTo("CODE");
        assertThat(node.get("dataValues")).hasSize(2);
        JsonNode first = node.get("dataValues").get(0);
        assertThat(first.get("dataElement").asText()).isEqualTo("POVERTY_RATE");
        assertThat(first.get("orgUnit").asText()).isEqualTo("653");
        assertThat(first.get("period").asText()).isEqualTo("2024");
        assertThat(first.get("value").asText()).isEqualTo("25.00");
        assertThat(first.get("comment").asText()).isEqualTo("PovertyLedger position 412");
    }

    @Test
    void theExportWithMappedUidsValidates() {
        Dhis2Mapping mapping = new Dhis2Mapping(Map.of("POVERTY_RATE", "fbfJHSPpUQD"),
                Map.of("653", "ImspTQPwCqd", "24550", "O6uvpzGd5pu"), "POVERTYLEDGER");
        Map<String, Object> set = Dhis2Export.dataValueSet(List.of(table()), mapping);

        assertThat(validate(set)).isEmpty();
        assertThat(JSON.valueToTree(set).get("dataValues").get(1).get("orgUnit").asText()).isEqualTo("O6uvpzGd5pu");
    }

    @Test
    void theSchemaRefusesWhatDhis2WouldRefuse() {
        ObjectNode set = JSON.valueToTree(Dhis2Export.dataValueSet(List.of(table()), new Dhis2Mapping(null, null, null)));
        ((ObjectNode) set.get("dataValues").get(0)).put("value", 25.0);
        assertThat(schema.validate(set)).isNotEmpty();

        ObjectNode badPeriod = JSON.valueToTree(Dhis2Export.dataValueSet(List.of(table()),
                new Dhis2Mapping(null, null, null)));
        ((ObjectNode) badPeriod.get("dataValues").get(0)).put("period", "2024-12-31");
        assertThat(schema.validate(badPeriod)).isNotEmpty();

        ObjectNode badUid = JSON.valueToTree(Dhis2Export.dataValueSet(List.of(table()),
                new Dhis2Mapping(Map.of("POVERTY_RATE", "not-a-uid"), null, null)));
        assertThat(schema.validate(badUid)).isNotEmpty();
    }

    @Test
    void aMappingMissingAUnitIsRefused() {
        Dhis2Mapping mapping = new Dhis2Mapping(null, Map.of("653", "ImspTQPwCqd"), null);
        assertThatThrownBy(() -> Dhis2Export.dataValueSet(List.of(table()), mapping))
                .isInstanceOf(ValidationException.class);
    }

    @Test
    void adxGroupsValuesByUnitAndYear() {
        String adx = Dhis2Export.adx(List.of(table()), new Dhis2Mapping(null, null, "LAK"),
                Instant.parse("2025-03-01T00:00:00Z"), 412);
        assertThat(adx).contains("<adx xmlns=\"urn:ihe:qrph:adx:2015\" xmlns:pl=\"urn:povertyledger:report:1\""
                        + " exported=\"2025-03-01T00:00:00Z\" pl:position=\"412\" pl:contentSha256=\"")
                .contains("<group orgUnit=\"653\" period=\"2024-01-01/P1Y\" dataSet=\"LAK\">"
                        + "<dataValue dataElement=\"POVERTY_RATE\" value=\"25.00\"/></group>")
                .doesNotContain("24551");
    }

    @Test
    void csvQuotesFieldsWithCommas() {
        IndicatorTableView table = table();
        String csv = IndicatorTableExport.csv(List.of(new IndicatorTableView(table.indicatorCode(),
                "Rate, multidimensional", table.unitOfMeasure(), table.direction(), table.parentCode(), table.year(),
                table.mapDate(), table.asOf(), table.rows(), table.position(), table.recordedAt())));
        String[] lines = csv.split("\r\n");
        assertThat(lines).hasSize(4);
        assertThat(lines[1]).startsWith("POVERTY_RATE,\"Rate, multidimensional\",PERCENT,2024,653,Lak,DISTRICT,true,,25.00,5,20,");
        assertThat(lines[1]).endsWith(",2024-12-31,,412,2025-03-01T00:00:00Z");
    }
}
