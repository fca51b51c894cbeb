package org.povertyledger.shared.rulebook;

import java.util.List;
import java.util.Map;
import java.util.Optional;

import org.povertyledger.shared.common.ErrorCode;
import org.povertyledger.shared.common.ValidationException;

/**
 * Chooses the rulebook by review year. Rulebooks are data: a new standard is a new entry, and an
 * earlier classification keeps naming the rulebook and version that produced it.
 */
public final class RulebookRegistry {

    private final List<Rulebook> rulebooks;

    public RulebookRegistry(List<Rulebook> rulebooks) {
        this.rulebooks = List.copyOf(rulebooks);
    }

    /** The national standards: Decision 59/2015 (2016-2020) and Decree 07/2021 (2021-2026). */
    public static RulebookRegistry national() {
        return new RulebookRegistry(List.of(new Decision59Rulebook(), new Decree07Rulebook()));
    }

    /** A registry of registered definitions (see {@link RulebookDefinition}). */
    public static RulebookRegistry of(java.util.Collection<RulebookDefinition> definitions) {
        return new RulebookRegistry(definitions.stream().map(RulebookDefinition::toRulebook).toList());
    }

    /**
     * The national rulebook in force for a review year (provinces' own standards are used for restatements).
     *
     * @throws ValidationException with code NO_RULEBOOK_FOR_YEAR when none covers the year
     */
    public Rulebook forReviewYear(int reviewYear) {
        return rulebooks.stream()
                .filter(r -> r.appliesTo(reviewYear) && RulebookDefinition.NATIONAL.equals(r.scope()))
                .findFirst()
                .orElseThrow(() -> new ValidationException(ErrorCode.NO_RULEBOOK_FOR_YEAR, "reviewYear",
                        "rulebook-exists", "no rulebook covers review year " + reviewYear,
                        Map.of("reviewYear", reviewYear)));
    }

    /** A rulebook by id and version, for re-running a past classification. */
    public Optional<Rulebook> find(String id, int version) {
        return rulebooks.stream().filter(r -> r.id().equals(id) && r.version() == version).findFirst();
    }

    /** All registered rulebooks. */
    public List<Rulebook> all() {
        return rulebooks;
    }
}
