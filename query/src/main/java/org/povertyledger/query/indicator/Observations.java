package org.povertyledger.query.indicator;

import java.math.BigDecimal;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;

import org.bson.Document;
import org.povertyledger.query.support.DocumentValues;
import org.povertyledger.shared.indicator.query.ObservationRef;

/**
 * The state of a reported cell (one indicator, unit and year): every observation as it stands now. The value on
 * a valid date is that of the observation with the latest effective date on or before it, the later recorded
 * (or corrected) one on equal dates.
 */
final class Observations {

    /** One observation. */
    record Observation(String id, BigDecimal value, String source, LocalDate effectiveDate, long position,
                       boolean corrected) {

        ObservationRef ref() {
            return new ObservationRef(id, source, effectiveDate, position, corrected);
        }
    }

    private final List<Observation> observations;

    private Observations(List<Observation> observations) {
        this.observations = observations;
    }

    static Observations of(Document state) {
        List<Observation> list = new ArrayList<>();
        if (state != null) {
            for (Document o : state.getList("o", Document.class, List.of())) {
                list.add(new Observation(o.getString("id"), new BigDecimal(o.getString("v")), o.getString("src"),
                        DocumentValues.date(o, "e"), DocumentValues.longValue(o, "p"),
                        DocumentValues.booleanValue(o, "c")));
            }
        }
        return new Observations(list);
    }

    Observations with(Observation observation) {
        List<Observation> next = new ArrayList<>(observations);
        next.removeIf(o -> o.id().equals(observation.id()));
        next.add(observation);
        return new Observations(next);
    }

    Optional<Observation> find(String id) {
        return observations.stream().filter(o -> o.id().equals(id)).findFirst();
    }

    Optional<Observation> on(LocalDate asOf) {
        return observations.stream()
                .filter(o -> asOf == null || !o.effectiveDate().isAfter(asOf))
                .max(Comparator.comparing(Observation::effectiveDate).thenComparingLong(Observation::position));
    }

    Document toDocument() {
        return new Document("o", observations.stream().map(o -> new Document("id", o.id())
                .append("v", o.value().toPlainString()).append("src", o.source())
                .append("e", DocumentValues.text(o.effectiveDate())).append("p", o.position())
                .append("c", o.corrected())).toList());
    }
}
