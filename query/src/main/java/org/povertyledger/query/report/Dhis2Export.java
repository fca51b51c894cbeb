package org.povertyledger.query.report;

import java.io.StringWriter;
import java.math.BigDecimal;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import javax.xml.stream.XMLOutputFactory;
import javax.xml.stream.XMLStreamException;
import javax.xml.stream.XMLStreamWriter;

import org.povertyledger.shared.indicator.query.IndicatorTableRow;
import org.povertyledger.shared.indicator.query.IndicatorTableView;

/**
 * Indicator tables as DHIS2 aggregate data: the {@code dataValueSets} JSON of the DHIS2 Web API
 * ({@code POST /api/dataValueSets}) and ADX 1.0 XML (IHE QRPH, {@code urn:ihe:qrph:adx:2015}). One data value
 * per indicator, unit (the parent's total and each child) and year; units without a value are left out. The
 * period is the review year ({@code 2024}; ADX {@code 2024-01-01/P1Y}). The comment of each value names the log
 * position it was computed at.
 */
public final class Dhis2Export {

    public static final String ADX_NAMESPACE = "urn:ihe:qrph:adx:2015";

    private Dhis2Export() {
    }

    /** The {@code dataValueSets} document; its shape is {@code dhis2/dataValueSets.schema.json}. */
    public static Map<String, Object> dataValueSet(List<IndicatorTableView> tables, Dhis2Mapping mapping) {
        List<Map<String, Object>> values = new ArrayList<>();
        for (IndicatorTableView table : tables) {
            for (IndicatorTableRow row : table.rows()) {
                if (row.value() == null) {
                    continue;
                }
                Map<String, Object> value = new LinkedHashMap<>();
                value.put("dataElement", mapping.dataElement(table.indicatorCode()));
                value.put("period", Integer.toString(table.year()));
                value.put("orgUnit", mapping.orgUnit(row.unitCode()));
                value.put("value", text(row.value()));
                value.put("comment", "PovertyLedger position " + table.position());
                values.add(value);
            }
        }
        Map<String, Object> set = new LinkedHashMap<>();
        set.put("dataElementIdScheme", mapping.dataElementIdScheme());
        set.put("orgUnitIdScheme", mapping.orgUnitIdScheme());
        set.put("dataValues", values);
        return set;
    }

    /** The same values as an ADX document, one group per unit and year. */
    public static String adx(List<IndicatorTableView> tables, Dhis2Mapping mapping, Instant exported) {
        Map<String, List<String[]>> groups = new LinkedHashMap<>();
        for (IndicatorTableView table : tables) {
            for (IndicatorTableRow row : table.rows()) {
                if (row.value() == null) {
                    continue;
                }
                String key = mapping.orgUnit(row.unitCode()) + "|" + table.year() + "-01-01/P1Y";
                groups.computeIfAbsent(key, k -> new ArrayList<>())
                        .add(new String[] {mapping.dataElement(table.indicatorCode()), text(row.value())});
            }
        }
        try {
            StringWriter out = new StringWriter();
            XMLStreamWriter xml = XMLOutputFactory.newFactory().createXMLStreamWriter(out);
            xml.writeStartDocument("UTF-8", "1.0");
            xml.writeStartElement("adx");
            xml.writeDefaultNamespace(ADX_NAMESPACE);
            xml.writeAttribute("exported", exported.toString());
            for (Map.Entry<String, List<String[]>> group : groups.entrySet()) {
                String[] key = group.getKey().split("\\|", 2);
                xml.writeStartElement("group");
                xml.writeAttribute("orgUnit", key[0]);
                xml.writeAttribute("period", key[1]);
                xml.writeAttribute("dataSet", mapping.dataSet());
                for (String[] value : group.getValue()) {
                    xml.writeEmptyElement("dataValue");
                    xml.writeAttribute("dataElement", value[0]);
                    xml.writeAttribute("value", value[1]);
                }
                xml.writeEndElement();
            }
            xml.writeEndElement();
            xml.writeEndDocument();
            xml.close();
            return out.toString();
        } catch (XMLStreamException e) {
            throw new IllegalStateException("ADX document could not be written", e);
        }
    }

    private static String text(BigDecimal value) {
        return value.toPlainString();
    }
}
