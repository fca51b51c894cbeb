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

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.povertyledger.query.support.ReproducibleBody;
import org.povertyledger.shared.indicator.query.IndicatorTableRow;
import org.povertyledger.shared.indicator.query.IndicatorTableView;

/**
 * Indicator tables as DHIS2 aggregate data: the {@code dataValueSets} JSON of the DHIS2 Web API
 * ({@code POST /api/dataValueSets}) and ADX 1.0 XML (IHE QRPH, {@code urn:ihe:qrph:adx:2015}). One data value
 * per indicator, unit (the parent's total and each child) and year; units without a value are left out. The
 * period is the review year ({@code 2024}; ADX {@code 2024-01-01/P1Y}). The comment of each value names the log
 * position it was computed at; the dataValueSets schema admits no other property, so the JSON's digest travels in
 * the response headers only, while the ADX root carries position and digest as attributes of its own namespace.
 */
public final class Dhis2Export {

    public static final String ADX_NAMESPACE = "urn:ihe:qrph:adx:2015";
    /**
     * The namespace of the provenance attributes on the {@code adx} root: {@code pl:position} and
     * {@code pl:contentSha256}. ADX lets its elements carry attributes of other namespaces.
     */
    public static final String PROVENANCE_NAMESPACE = "urn:povertyledger:report:1";
    /** The digest attribute as written; with an empty value it is the text the digest covers. */
    public static final String EMPTY_DIGEST_ATTRIBUTE = "pl:contentSha256=\"\"";

    /** The stored form of the JSON exports: fixed, so that the same tables always give the same bytes. */
    private static final ObjectMapper JSON = new ObjectMapper();

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

    /** {@link #dataValueSet} as the bytes served. */
    public static byte[] dataValueSetJson(List<IndicatorTableView> tables, Dhis2Mapping mapping) {
        try {
            return JSON.writeValueAsBytes(dataValueSet(tables, mapping));
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("dataValueSets document could not be written", e);
        }
    }

    /**
     * The same values as an ADX document, one group per unit and year, with the position on the root and the
     * SHA-256 (hex) of the document as it reads with the digest attribute empty ({@value #EMPTY_DIGEST_ATTRIBUTE}):
     * an auditor blanks the attribute's value and hashes the file.
     */
    public static String adx(List<IndicatorTableView> tables, Dhis2Mapping mapping, Instant exported, long position) {
        String unsigned = adxDocument(tables, mapping, exported, position);
        String digest = ReproducibleBody.sha256Hex(unsigned);
        int at = unsigned.indexOf(EMPTY_DIGEST_ATTRIBUTE);
        return unsigned.substring(0, at) + "pl:contentSha256=\"" + digest + "\""
                + unsigned.substring(at + EMPTY_DIGEST_ATTRIBUTE.length());
    }

    private static String adxDocument(List<IndicatorTableView> tables, Dhis2Mapping mapping, Instant exported,
                                      long position) {
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
            xml.writeNamespace("pl", PROVENANCE_NAMESPACE);
            xml.writeAttribute("exported", exported.toString());
            xml.writeAttribute("pl", PROVENANCE_NAMESPACE, "position", Long.toString(position));
            xml.writeAttribute("pl", PROVENANCE_NAMESPACE, "contentSha256", "");
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
