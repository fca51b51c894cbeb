package org.povertyledger.query.report;

import java.util.Map;

/**
 * How indicators and units are named in DHIS2. By default the indicator code is the data element's
 * <em>code</em> and the unit code the organisation unit's <em>code</em>, and the export says so
 * ({@code dataElementIdScheme}/{@code orgUnitIdScheme} = CODE); an entry in {@code dataElements} /
 * {@code orgUnits} maps a code to a DHIS2 UID instead, and then every value must be mapped (the scheme becomes
 * UID).
 *
 * @param dataSet the data set code written to ADX groups
 */
public record Dhis2Mapping(Map<String, String> dataElements, Map<String, String> orgUnits, String dataSet) {

    public Dhis2Mapping {
        dataElements = dataElements == null ? Map.of() : Map.copyOf(dataElements);
        orgUnits = orgUnits == null ? Map.of() : Map.copyOf(orgUnits);
        dataSet = dataSet == null || dataSet.isBlank() ? "POVERTYLEDGER" : dataSet;
    }

    /** CODE when no UID mapping is configured, else UID. */
    public String dataElementIdScheme() {
        return dataElements.isEmpty() ? "CODE" : "UID";
    }

    public String orgUnitIdScheme() {
        return orgUnits.isEmpty() ? "CODE" : "UID";
    }

    public String dataElement(String indicatorCode) {
        return dataElements.isEmpty() ? indicatorCode : require(dataElements, indicatorCode, "data element");
    }

    public String orgUnit(String unitCode) {
        return orgUnits.isEmpty() ? unitCode : require(orgUnits, unitCode, "organisation unit");
    }

    private static String require(Map<String, String> mapping, String code, String what) {
        String uid = mapping.get(code);
        if (uid == null) {
            throw new org.povertyledger.shared.common.ValidationException("dhis2", "mapped",
                    code + " has no DHIS2 " + what + " configured (povertyledger.dhis2)");
        }
        return uid;
    }
}
