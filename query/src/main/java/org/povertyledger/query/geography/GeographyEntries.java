package org.povertyledger.query.geography;

import java.util.List;
import java.util.Set;

import org.bson.Document;
import org.povertyledger.query.support.DocumentValues;
import org.povertyledger.shared.geography.event.UnitDissolvedEvent;
import org.povertyledger.shared.geography.event.UnitFlagsChangedEvent;
import org.povertyledger.shared.geography.event.UnitRegisteredEvent;
import org.povertyledger.shared.geography.event.UnitRenamedEvent;
import org.povertyledger.shared.geography.event.UnitReparentedEvent;
import org.povertyledger.shared.geography.event.UnitsMergedEvent;
import org.povertyledger.shared.geography.value.UnitCode;
import org.povertyledger.shared.geography.value.UnitFlag;

/** How geography events are kept in the reference log: a type name and the event's values. */
public final class GeographyEntries {

    static final String REGISTERED = "UnitRegistered";
    static final String RENAMED = "UnitRenamed";
    static final String REPARENTED = "UnitReparented";
    static final String FLAGS_CHANGED = "UnitFlagsChanged";
    static final String MERGED = "UnitsMerged";
    static final String DISSOLVED = "UnitDissolved";

    private GeographyEntries() {
    }

    /** The entry type of a geography event, {@code null} for any other payload. */
    public static String typeOf(Object payload) {
        if (payload instanceof UnitRegisteredEvent) {
            return REGISTERED;
        }
        if (payload instanceof UnitRenamedEvent) {
            return RENAMED;
        }
        if (payload instanceof UnitReparentedEvent) {
            return REPARENTED;
        }
        if (payload instanceof UnitFlagsChangedEvent) {
            return FLAGS_CHANGED;
        }
        if (payload instanceof UnitsMergedEvent) {
            return MERGED;
        }
        if (payload instanceof UnitDissolvedEvent) {
            return DISSOLVED;
        }
        return null;
    }

    /** The stored values of a geography event. */
    public static Document encode(Object payload) {
        if (payload instanceof UnitRegisteredEvent e) {
            return new Document("unit", e.unitCode().value()).append("name", e.name())
                    .append("level", e.level().name()).append("parent", code(e.parentCode()))
                    .append("flags", flags(e.flags())).append("date", DocumentValues.text(e.effectiveDate()))
                    .append("legalBasis", e.legalBasis());
        }
        if (payload instanceof UnitRenamedEvent e) {
            return new Document("unit", e.unitCode().value()).append("name", e.name())
                    .append("date", DocumentValues.text(e.effectiveDate())).append("legalBasis", e.legalBasis());
        }
        if (payload instanceof UnitReparentedEvent e) {
            return new Document("unit", e.unitCode().value()).append("parent", code(e.parentCode()))
                    .append("date", DocumentValues.text(e.effectiveDate())).append("legalBasis", e.legalBasis());
        }
        if (payload instanceof UnitFlagsChangedEvent e) {
            return new Document("unit", e.unitCode().value()).append("flags", flags(e.flags()))
                    .append("date", DocumentValues.text(e.effectiveDate())).append("legalBasis", e.legalBasis());
        }
        if (payload instanceof UnitsMergedEvent e) {
            return new Document("sources", e.sourceCodes().stream().map(UnitCode::value).toList())
                    .append("unit", e.targetCode().value())
                    .append("date", DocumentValues.text(e.effectiveDate())).append("legalBasis", e.legalBasis());
        }
        if (payload instanceof UnitDissolvedEvent e) {
            return new Document("unit", e.unitCode().value())
                    .append("date", DocumentValues.text(e.effectiveDate())).append("legalBasis", e.legalBasis());
        }
        throw new IllegalArgumentException("not a geography event: " + payload);
    }

    private static String code(UnitCode code) {
        return code == null ? null : code.value();
    }

    private static List<String> flags(Set<UnitFlag> flags) {
        return flags == null ? List.of() : flags.stream().map(Enum::name).sorted().toList();
    }
}
