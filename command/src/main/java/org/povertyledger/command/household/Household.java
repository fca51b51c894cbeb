package org.povertyledger.command.household;

import java.time.Instant;

import org.axonframework.eventhandling.GenericEventMessage;
import org.povertyledger.command.personaldata.HouseholdKeyStore;
import org.povertyledger.shared.household.command.ErasePersonalDataCommand;
import org.povertyledger.shared.household.event.PersonalDataErasedEvent;

import static org.axonframework.modelling.command.AggregateLifecycle.apply;

import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Collections;
import java.util.Comparator;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.SortedSet;
import java.util.TreeSet;

import com.fasterxml.jackson.annotation.JsonAutoDetect;
import com.fasterxml.jackson.annotation.JsonAutoDetect.Visibility;
import org.axonframework.commandhandling.CommandHandler;
import org.axonframework.eventsourcing.EventSourcingHandler;
import org.axonframework.messaging.annotation.MessageIdentifier;
import org.axonframework.modelling.command.AggregateCreationPolicy;
import org.axonframework.modelling.command.AggregateIdentifier;
import org.axonframework.modelling.command.CreationPolicy;
import org.axonframework.spring.stereotype.Aggregate;
import org.povertyledger.command.programme.AllocationLookup;
import org.povertyledger.command.review.ReviewPeriodLookup;
import org.povertyledger.command.programme.AllocationTerms;
import org.povertyledger.shared.benefit.command.BenefitOutcome;
import org.povertyledger.shared.benefit.command.RecordBenefitCommand;
import org.povertyledger.shared.benefit.event.BenefitRecordedEvent;
import org.povertyledger.shared.benefit.policy.BenefitEligibility;
import org.povertyledger.shared.benefit.policy.BenefitEligibility.DatedStatus;
import org.povertyledger.shared.benefit.value.BenefitKind;
import org.povertyledger.shared.common.DomainException;
import org.povertyledger.shared.common.ErrorCode;
import org.povertyledger.shared.common.ValidationException;
import org.povertyledger.shared.household.command.AssessmentFindings;
import org.povertyledger.shared.household.command.AssessmentOutcome;
import org.povertyledger.shared.household.command.CorrectAssessmentCommand;
import org.povertyledger.shared.household.command.RecordAssessmentCommand;
import org.povertyledger.shared.household.command.RegisterHouseholdCommand;
import org.povertyledger.shared.household.command.UpdateHouseholdDetailsCommand;
import org.povertyledger.shared.household.event.AssessmentCorrectedEvent;
import org.povertyledger.shared.household.event.AssessmentRecordedEvent;
import org.povertyledger.shared.household.event.HouseholdDetailsUpdatedEvent;
import org.povertyledger.shared.household.event.HouseholdRegisteredEvent;
import org.povertyledger.shared.household.event.HouseholdStatusChangedEvent;
import org.povertyledger.shared.household.event.PeriodExceptionUsedEvent;
import org.povertyledger.shared.household.value.Area;
import org.povertyledger.shared.household.value.CommuneCode;
import org.povertyledger.shared.household.value.HouseholdId;
import org.povertyledger.shared.household.value.PovertyStatus;
import org.povertyledger.shared.household.value.ReviewKind;
import org.povertyledger.shared.household.value.StatusTransition;
import org.povertyledger.shared.programme.value.ProgrammeCode;
import org.povertyledger.shared.programme.value.SubProjectCode;
import org.povertyledger.shared.rulebook.Classification;
import org.povertyledger.shared.rulebook.RulebookRegistry;

/**
 * A household in the register and its poverty assessments.
 *
 * <p>The household's current status is the outcome of its assessment with the latest effective date
 * (on equal dates the one recorded later), corrections included. Every command that changes it also
 * applies a {@link HouseholdStatusChangedEvent} naming the transition.
 *
 * <p>One periodic review per review year (Decision 24/2021/QD-TTg); on-demand reviews at any time. A
 * recorded assessment is never changed: a correction is a new event naming it.
 *
 * <p>Benefits are recorded here because their eligibility depends on the household's status on the benefit date,
 * which only this aggregate decides consistently ({@link BenefitEligibility}); it keeps only what the benefit
 * guards need (health-insurance coverage years, whether housing support was received).
 *
 * <p>Snapshots are written by the ledger's Jackson serializer, which sees only public getters by
 * default; the state is read and written through its fields instead, so a snapshot holds all of it.
 */
// No aggregate cache: a household cached on one node while another node changed it would be refused on its stale
// state (e.g. ASSESSMENT_NOT_FOUND for an assessment the other node recorded); only a write reaches the ledger's
// sequence check, a refusal does not. Every command loads the household's few events (or its snapshot) afresh.
@Aggregate(snapshotTriggerDefinition = "householdSnapshotTrigger")
@JsonAutoDetect(fieldVisibility = Visibility.ANY, getterVisibility = Visibility.NONE,
        isGetterVisibility = Visibility.NONE, setterVisibility = Visibility.NONE)
class Household {

    @AggregateIdentifier
    private HouseholdId householdId;
    private Area area;
    private CommuneCode communeCode;
    private String village;
    private int members;
    /** Assessments by their id (the event id of their recording). */
    private final Map<String, Assessment> assessments = new LinkedHashMap<>();
    /** Every event id a correction may name (recordings and corrections), to the assessment id. */
    private final Map<String, String> assessmentIdByEventId = new HashMap<>();
    /** The current status as last announced by a status change. */
    private PovertyStatus status = PovertyStatus.UNASSESSED;
    /** Whether the current status has been POOR at some point. */
    private boolean everPoor;
    /** Coverage years of the health-insurance cards recorded. */
    private final SortedSet<Integer> healthInsuranceYears = new TreeSet<>();
    /** Whether housing support was recorded (Project 5 supports a household once). */
    private boolean housingSupported;
    /** Review-period exceptions this household has used (each allows one write). */
    private final Set<String> usedPeriodExceptions = new HashSet<>();
    /** Whether the household's data key was destroyed on an erasure request. */
    private boolean personalDataErased;

    Household() {
        // for Axon
    }

    @CommandHandler
    @CreationPolicy(AggregateCreationPolicy.CREATE_IF_MISSING)
    void handle(RegisterHouseholdCommand command) {
        if (householdId != null) {
            throw new DomainException(ErrorCode.HOUSEHOLD_ALREADY_REGISTERED, "householdId", "unique",
                    "household " + command.householdId() + " is already registered",
                    Map.of("householdId", command.householdId().value()));
        }
        apply(new HouseholdRegisteredEvent(command.householdId(), command.communeCode(), command.village(),
                command.area(), command.headName(), command.ethnicity(), command.ethnicMinority(),
                command.members()));
    }

    @CommandHandler
    AssessmentOutcome handle(RecordAssessmentCommand command, RulebookRegistry rulebooks,
                             ReviewPeriodLookup periods) {
        int reviewYear = command.reviewYear().value();
        Classification classification = rulebooks.forReviewYear(reviewYear)
                .classify(command.findings().toInputs(area));
        if (command.reviewKind() == ReviewKind.PERIODIC) {
            Optional<Assessment> existing = periodicAssessmentOf(reviewYear);
            if (existing.isPresent()) {
                throw new DomainException(ErrorCode.PERIODIC_ASSESSMENT_EXISTS, "reviewYear", "one-periodic-per-year",
                        "household " + householdId + " already has a periodic assessment for review year "
                                + reviewYear + "; correct it instead",
                        Map.of("reviewYear", reviewYear, "assessmentId", existing.get().id()));
            }
        }
        Optional<String> exception = periods.status(communeCode, reviewYear)
                .admit(householdId, communeCode, reviewYear, usedPeriodExceptions);
        PovertyStatus previousStatus = status;
        AssessmentFindings findings = command.findings();
        apply(new AssessmentRecordedEvent(householdId, reviewYear, command.reviewKind(), command.surveyDate(), area,
                findings.incomePerCapitaMonthly().value(), findings.livelihood(), sorted(findings),
                command.decisionRef(), command.effectiveDate(), classification.rulebookId(),
                classification.rulebookVersion(), classification.deprivationCount(), classification.status()));
        String assessmentId = lastRecorded().id();
        StatusTransition transition = applyStatusChangeIfAny();
        exception.ifPresent(id -> apply(new PeriodExceptionUsedEvent(householdId, id, communeCode.value(),
                reviewYear, assessmentId)));
        return new AssessmentOutcome(assessmentId, classification.status(), previousStatus, status, transition,
                classification.deprivationCount(), classification.rulebookId(), classification.rulebookVersion());
    }

    @CommandHandler
    AssessmentOutcome handle(CorrectAssessmentCommand command, RulebookRegistry rulebooks,
                             ReviewPeriodLookup periods) {
        Assessment corrected = Optional.ofNullable(assessmentIdByEventId.get(command.correctsEventId()))
                .map(assessments::get)
                .orElseThrow(() -> new DomainException(ErrorCode.ASSESSMENT_NOT_FOUND, "correctsEventId", "exists",
                        "household " + householdId + " has no assessment with event id "
                                + command.correctsEventId(),
                        Map.of("correctsEventId", command.correctsEventId())));
        Classification classification = rulebooks.forReviewYear(corrected.reviewYear())
                .classify(command.findings().toInputs(area));
        Optional<String> exception = periods.status(communeCode, corrected.reviewYear())
                .admit(householdId, communeCode, corrected.reviewYear(), usedPeriodExceptions);
        PovertyStatus previousStatus = status;
        AssessmentFindings findings = command.findings();
        apply(new AssessmentCorrectedEvent(householdId, command.correctsEventId(), corrected.id(),
                corrected.reviewYear(), corrected.kind(), command.surveyDate(), area,
                findings.incomePerCapitaMonthly().value(), findings.livelihood(), sorted(findings),
                command.decisionRef(), command.effectiveDate(), classification.rulebookId(),
                classification.rulebookVersion(), classification.deprivationCount(), corrected.status(),
                classification.status(), command.reason()));
        StatusTransition transition = applyStatusChangeIfAny();
        exception.ifPresent(id -> apply(new PeriodExceptionUsedEvent(householdId, id, communeCode.value(),
                corrected.reviewYear(), corrected.id())));
        return new AssessmentOutcome(corrected.id(), classification.status(), previousStatus, status, transition,
                classification.deprivationCount(), classification.rulebookId(), classification.rulebookVersion());
    }

    @CommandHandler
    void handle(UpdateHouseholdDetailsCommand command) {
        if (command.communeCode().equals(communeCode) && command.village().equals(village)
                && command.members() == members) {
            throw new ValidationException(null, "changes-something",
                    "the update repeats the household's commune, village and members");
        }
        apply(new HouseholdDetailsUpdatedEvent(householdId, command.communeCode(), command.village(),
                command.members(), command.effectiveDate(), command.reason()));
    }

    /**
     * Destroys the key before the event is applied: if the append then fails, a retry finds the key already gone
     * and records the event; the reverse order could record an erasure whose key survived.
     */
    @CommandHandler
    void handle(ErasePersonalDataCommand command, HouseholdKeyStore keys) {
        if (personalDataErased) {
            throw new DomainException(ErrorCode.PERSONAL_DATA_ALREADY_ERASED, "householdId", "erase-once",
                    "the personal data of household " + householdId + " was already erased",
                    Map.of("householdId", householdId.value()));
        }
        Instant erasedAt = Instant.now(GenericEventMessage.clock);
        keys.destroy(householdId.value(), command.erasedBy(), erasedAt);
        apply(new PersonalDataErasedEvent(householdId, command.erasedBy(), erasedAt, command.legalBasis(),
                command.requestReference()));
    }

    @CommandHandler
    BenefitOutcome handle(RecordBenefitCommand command, AllocationLookup allocations) {
        ProgrammeCode programmeCode = null;
        SubProjectCode subProjectCode = command.subProjectCode();
        if (command.allocationId() != null) {
            AllocationTerms terms = allocations.allocation(command.allocationId())
                    .orElseThrow(() -> new DomainException(ErrorCode.ALLOCATION_NOT_FOUND, "allocationId", "exists",
                            "no allocation " + command.allocationId().value(),
                            Map.of("allocationId", command.allocationId().value())));
            if (subProjectCode != null && !subProjectCode.equals(terms.subProjectCode())) {
                throw new DomainException(ErrorCode.FUNDING_LINK_MISMATCH, "subProjectCode",
                        "allocation-of-sub-project",
                        "allocation " + command.allocationId().value() + " funds " + terms.subProjectCode().value()
                                + ", not " + subProjectCode.value(),
                        Map.of("allocationSubProjectCode", terms.subProjectCode().value()));
            }
            programmeCode = terms.programmeCode();
            subProjectCode = terms.subProjectCode();
        }
        BenefitKind kind = command.kind();
        BenefitEligibility.Decision eligibility = BenefitEligibility.decide(kind, statusHistory(),
                command.benefitDate());
        if (!eligibility.eligible()) {
            Map<String, Object> details = new LinkedHashMap<>();
            details.put("benefitDate", command.benefitDate().toString());
            details.put("statusOnDate", eligibility.statusOnDate().name());
            details.put("targetGroup", eligibility.group().name());
            details.put("eligibleGroups", eligibility.eligibleGroups().stream().map(Enum::name).sorted().toList());
            throw new DomainException(ErrorCode.BENEFIT_NOT_ELIGIBLE, "kind", eligibility.rule(),
                    "household " + householdId + " is " + eligibility.group() + " (status "
                            + eligibility.statusOnDate() + ") on " + command.benefitDate() + "; " + kind
                            + " requires one of " + details.get("eligibleGroups"),
                    details);
        }
        if (kind == BenefitKind.HEALTH_INSURANCE_CARD && healthInsuranceYears.contains(command.coverageYear())) {
            throw new DomainException(ErrorCode.BENEFIT_ALREADY_RECORDED, "coverageYear", "one-card-per-year",
                    "household " + householdId + " already has a health-insurance card for "
                            + command.coverageYear(),
                    Map.of("coverageYear", command.coverageYear()));
        }
        if (kind == BenefitKind.HOUSING_SUPPORT && housingSupported) {
            throw new DomainException(ErrorCode.BENEFIT_ALREADY_RECORDED, "kind", "one-housing-support",
                    "household " + householdId + " already received housing support",
                    Map.of("kind", kind.name()));
        }
        apply(new BenefitRecordedEvent(householdId, kind, command.benefitDate(), command.coverageYear(),
                command.amount(), command.lender(), command.course(), command.completed(), command.housingKind(),
                command.destination(), command.description(), programmeCode, subProjectCode,
                command.allocationId(), eligibility.statusOnDate(), eligibility.group(), eligibility.rule()));
        return new BenefitOutcome(kind, eligibility.statusOnDate(), eligibility.group(), eligibility.rule());
    }

    /** The assessments' outcomes in precedence order: effective date, then recording order. */
    private List<DatedStatus> statusHistory() {
        List<Assessment> ordered = new ArrayList<>(assessments.values());
        ordered.sort(Comparator.comparing(Assessment::effectiveDate).thenComparingInt(Assessment::recordedOrder));
        return ordered.stream().map(a -> new DatedStatus(a.effectiveDate(), a.status())).toList();
    }

    /** Applies the status change the last applied assessment event caused, if it caused one. */
    private StatusTransition applyStatusChangeIfAny() {
        Assessment current = currentAssessment();
        PovertyStatus previous = status;
        Optional<StatusTransition> transition = StatusTransition.between(previous, current.status(), everPoor);
        transition.ifPresent(named -> apply(new HouseholdStatusChangedEvent(householdId, previous, current.status(),
                named, current.id(), current.reviewYear(), current.effectiveDate())));
        return transition.orElse(null);
    }

    private Optional<Assessment> periodicAssessmentOf(int reviewYear) {
        return assessments.values().stream()
                .filter(a -> a.kind() == ReviewKind.PERIODIC && a.reviewYear() == reviewYear)
                .findFirst();
    }

    /** The assessment deciding the current status: latest effective date, then latest recorded. */
    private Assessment currentAssessment() {
        return assessments.values().stream()
                .max(Comparator.comparing(Assessment::effectiveDate).thenComparingInt(Assessment::recordedOrder))
                .orElseThrow();
    }

    /** By recording order, not map order: a snapshot may have stored the map sorted by id. */
    private Assessment lastRecorded() {
        return assessments.values().stream().max(Comparator.comparingInt(Assessment::recordedOrder)).orElseThrow();
    }

    private static SortedSet<String> sorted(AssessmentFindings findings) {
        return Collections.unmodifiableSortedSet(new TreeSet<>(findings.deprivations()));
    }

    @EventSourcingHandler
    void on(HouseholdRegisteredEvent event) {
        householdId = event.householdId();
        area = event.area();
        communeCode = event.communeCode();
        village = event.village();
        members = event.members();
    }

    @EventSourcingHandler
    void on(HouseholdDetailsUpdatedEvent event) {
        communeCode = event.communeCode();
        village = event.village();
        members = event.members();
    }

    @EventSourcingHandler
    void on(AssessmentRecordedEvent event, @MessageIdentifier String eventId) {
        assessments.put(eventId, new Assessment(eventId, event.reviewYear(), event.reviewKind(),
                event.effectiveDate(), event.status(), assessments.size()));
        assessmentIdByEventId.put(eventId, eventId);
    }

    @EventSourcingHandler
    void on(AssessmentCorrectedEvent event, @MessageIdentifier String eventId) {
        assessments.computeIfPresent(event.assessmentId(),
                (id, assessment) -> assessment.correctedTo(event.effectiveDate(), event.status()));
        assessmentIdByEventId.put(eventId, event.assessmentId());
    }

    @EventSourcingHandler
    void on(HouseholdStatusChangedEvent event) {
        status = event.newStatus();
        everPoor |= event.newStatus() == PovertyStatus.POOR;
    }

    @EventSourcingHandler
    void on(BenefitRecordedEvent event) {
        if (event.kind() == BenefitKind.HEALTH_INSURANCE_CARD && event.coverageYear() != null) {
            healthInsuranceYears.add(event.coverageYear());
        }
        housingSupported |= event.kind() == BenefitKind.HOUSING_SUPPORT;
    }

    @EventSourcingHandler
    void on(PersonalDataErasedEvent event) {
        personalDataErased = true;
    }

    /** What the decisions need of one assessment. */
    private record Assessment(String id, int reviewYear, ReviewKind kind, LocalDate effectiveDate,
                              PovertyStatus status, int recordedOrder) {

        Assessment correctedTo(LocalDate newEffectiveDate, PovertyStatus newStatus) {
            return new Assessment(id, reviewYear, kind, newEffectiveDate, newStatus, recordedOrder);
        }
    }

    @EventSourcingHandler
    void on(PeriodExceptionUsedEvent event) {
        usedPeriodExceptions.add(event.exceptionId());
    }
}
