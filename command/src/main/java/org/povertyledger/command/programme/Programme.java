package org.povertyledger.command.programme;

import static org.axonframework.modelling.command.AggregateLifecycle.apply;

import java.math.BigDecimal;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import com.fasterxml.jackson.annotation.JsonAutoDetect;
import com.fasterxml.jackson.annotation.JsonAutoDetect.Visibility;
import org.axonframework.commandhandling.CommandHandler;
import org.axonframework.eventsourcing.EventSourcingHandler;
import org.axonframework.modelling.command.AggregateCreationPolicy;
import org.axonframework.modelling.command.AggregateIdentifier;
import org.axonframework.modelling.command.CreationPolicy;
import org.axonframework.spring.stereotype.Aggregate;
import org.povertyledger.shared.common.DomainException;
import org.povertyledger.shared.common.ErrorCode;
import org.povertyledger.shared.common.ValidationException;
import org.povertyledger.shared.household.value.HouseholdId;
import org.povertyledger.shared.programme.command.PlanOutputCommand;
import org.povertyledger.shared.programme.command.ReassignManagingAgencyCommand;
import org.povertyledger.shared.programme.command.RecordOutputCommand;
import org.povertyledger.shared.programme.command.RegisterProgrammeCommand;
import org.povertyledger.shared.programme.command.RegisterProjectCommand;
import org.povertyledger.shared.programme.command.RegisterSubProjectCommand;
import org.povertyledger.shared.programme.event.ManagingAgencyReassignedEvent;
import org.povertyledger.shared.programme.event.OutputPlannedEvent;
import org.povertyledger.shared.programme.event.OutputRecordedEvent;
import org.povertyledger.shared.programme.event.ProgrammeRegisteredEvent;
import org.povertyledger.shared.programme.event.ProjectRegisteredEvent;
import org.povertyledger.shared.programme.event.SubProjectRegisteredEvent;
import org.povertyledger.shared.programme.value.ProgrammeCode;
import org.povertyledger.shared.programme.value.ProjectCode;
import org.povertyledger.shared.programme.value.SubProjectCode;

/**
 * A national target programme: its period, projects and sub-projects, the agency managing each sub-project over
 * time, and the sub-projects' output plans and outputs.
 *
 * <p>The structure is small and changes rarely, so one aggregate keeps the codes unique and the references
 * consistent. Money is not kept here: each allocation is an aggregate of its own (see {@code Allocation}), so
 * disbursements never contend for the programme.
 *
 * <p>Snapshots are written by the ledger's Jackson serializer through the fields (see {@code Household}).
 */
@Aggregate(snapshotTriggerDefinition = "programmeSnapshotTrigger")
@JsonAutoDetect(fieldVisibility = Visibility.ANY, getterVisibility = Visibility.NONE,
        isGetterVisibility = Visibility.NONE, setterVisibility = Visibility.NONE)
class Programme {

    @AggregateIdentifier
    private ProgrammeCode programmeCode;
    private int firstYear;
    private int lastYear;
    /** Project names by project code. */
    private final Map<String, String> projects = new LinkedHashMap<>();
    /** Sub-projects by sub-project code. */
    private final Map<String, SubProject> subProjects = new LinkedHashMap<>();
    /** Planned quantities by {@link #planKey}. */
    private final Map<String, BigDecimal> plans = new HashMap<>();

    Programme() {
        // for Axon
    }

    @CommandHandler
    @CreationPolicy(AggregateCreationPolicy.CREATE_IF_MISSING)
    void handle(RegisterProgrammeCommand command) {
        if (programmeCode != null) {
            throw new DomainException(ErrorCode.PROGRAMME_ALREADY_REGISTERED, "programmeCode", "unique",
                    "programme " + command.programmeCode().value() + " is already registered",
                    Map.of("programmeCode", command.programmeCode().value()));
        }
        apply(new ProgrammeRegisteredEvent(command.programmeCode(), command.name(), command.firstYear(),
                command.lastYear(), command.legalBasis(), command.effectiveDate()));
    }

    @CommandHandler
    void handle(RegisterProjectCommand command) {
        String code = command.projectCode().value();
        if (projects.containsKey(code)) {
            throw new DomainException(ErrorCode.PROJECT_ALREADY_REGISTERED, "projectCode", "unique",
                    "project " + code + " is already registered in programme " + programmeCode.value(),
                    Map.of("projectCode", code));
        }
        apply(new ProjectRegisteredEvent(programmeCode, command.projectCode(), command.name()));
    }

    @CommandHandler
    void handle(RegisterSubProjectCommand command) {
        SubProjectCode code = command.subProjectCode();
        ProjectCode project = code.projectCode();
        if (!projects.containsKey(project.value())) {
            throw new DomainException(ErrorCode.PROJECT_NOT_FOUND, "subProjectCode", "project-registered",
                    "programme " + programmeCode.value() + " has no project " + project.value()
                            + " to register " + code.value() + " under",
                    Map.of("projectCode", project.value()));
        }
        if (subProjects.containsKey(code.value())) {
            throw new DomainException(ErrorCode.SUB_PROJECT_ALREADY_REGISTERED, "subProjectCode", "unique",
                    "sub-project " + code.value() + " is already registered in programme " + programmeCode.value(),
                    Map.of("subProjectCode", code.value()));
        }
        apply(new SubProjectRegisteredEvent(programmeCode, project, code, command.name(), command.managingAgency(),
                command.effectiveDate()));
    }

    @CommandHandler
    void handle(ReassignManagingAgencyCommand command) {
        SubProject subProject = subProject(command.subProjectCode());
        LocalDate date = command.effectiveDate();
        if (date.isBefore(subProject.registeredFrom())) {
            throw new DomainException(ErrorCode.VALIDATION_FAILED, "effectiveDate", "not-before-registration",
                    "sub-project " + command.subProjectCode().value() + " was registered with effect from "
                            + subProject.registeredFrom() + "; a reassignment cannot take effect before that",
                    Map.of("registeredFrom", subProject.registeredFrom().toString()));
        }
        String current = subProject.agencyOn(date);
        if (current.equals(command.managingAgency())) {
            throw new DomainException(ErrorCode.AGENCY_UNCHANGED, "managingAgency", "changes-agency",
                    current + " already manages sub-project " + command.subProjectCode().value() + " on " + date,
                    Map.of("managingAgency", current));
        }
        apply(new ManagingAgencyReassignedEvent(programmeCode, command.subProjectCode(), current,
                command.managingAgency(), date, command.decisionRef()));
    }

    @CommandHandler
    void handle(PlanOutputCommand command) {
        SubProject subProject = subProject(command.subProjectCode());
        requireWithinPeriod("year", command.year());
        String commune = command.communeCode() == null ? null : command.communeCode().value();
        BigDecimal previous = plans.get(planKey(command.subProjectCode().value(), command.outputCode().name(),
                command.year(), commune));
        apply(new OutputPlannedEvent(programmeCode, new ProjectCode(subProject.projectCode()),
                command.subProjectCode(), command.outputCode(), command.year(), command.communeCode(),
                command.quantity(), command.outputCode().unit(), previous, command.decisionRef(),
                command.effectiveDate()));
    }

    @CommandHandler
    void handle(RecordOutputCommand command, HouseholdLookup households, AllocationLookup allocations) {
        SubProject subProject = subProject(command.subProjectCode());
        requireWithinPeriod("periodTo", command.year());
        for (int i = 0; i < command.beneficiaries().size(); i++) {
            HouseholdId beneficiary = command.beneficiaries().get(i);
            if (!households.isRegistered(beneficiary)) {
                throw new DomainException(ErrorCode.HOUSEHOLD_NOT_FOUND, "beneficiaries[" + i + "]", "exists",
                        "beneficiary household " + beneficiary.value() + " is not registered",
                        Map.of("householdId", beneficiary.value()));
            }
        }
        if (command.allocationId() != null) {
            AllocationTerms terms = allocations.allocation(command.allocationId())
                    .orElseThrow(() -> new DomainException(ErrorCode.ALLOCATION_NOT_FOUND, "allocationId", "exists",
                            "no allocation " + command.allocationId().value(),
                            Map.of("allocationId", command.allocationId().value())));
            if (!terms.programmeCode().equals(programmeCode)
                    || !terms.subProjectCode().equals(command.subProjectCode())) {
                throw new DomainException(ErrorCode.FUNDING_LINK_MISMATCH, "allocationId", "allocation-of-sub-project",
                        "allocation " + command.allocationId().value() + " funds " + terms.subProjectCode().value()
                                + ", not " + command.subProjectCode().value(),
                        Map.of("allocationSubProjectCode", terms.subProjectCode().value()));
            }
        }
        apply(new OutputRecordedEvent(programmeCode, new ProjectCode(subProject.projectCode()),
                command.subProjectCode(), command.outputCode(), command.quantity(), command.unit(),
                command.periodFrom(), command.periodTo(), command.communeCode(), command.beneficiaries(),
                command.allocationId()));
    }

    /** What an allocation to {@code code} needs to know; see {@link SubProjectLookup}. */
    SubProjectTerms termsOf(SubProjectCode code) {
        SubProject subProject = subProject(code);
        return new SubProjectTerms(programmeCode, new ProjectCode(subProject.projectCode()), code, firstYear,
                lastYear);
    }

    private SubProject subProject(SubProjectCode code) {
        SubProject subProject = subProjects.get(code.value());
        if (subProject == null) {
            throw new DomainException(ErrorCode.SUB_PROJECT_NOT_FOUND, "subProjectCode", "exists",
                    "programme " + programmeCode.value() + " has no sub-project " + code.value(),
                    Map.of("subProjectCode", code.value()));
        }
        return subProject;
    }

    private void requireWithinPeriod(String field, int year) {
        if (year < firstYear || year > lastYear) {
            throw new ValidationException(ErrorCode.OUTSIDE_PROGRAMME_PERIOD, field,
                    "within-programme-period:" + firstYear + "-" + lastYear,
                    year + " is outside the period " + firstYear + "-" + lastYear + " of programme "
                            + programmeCode.value(),
                    Map.of("firstYear", firstYear, "lastYear", lastYear));
        }
    }

    private static String planKey(String subProject, String outputCode, int year, String commune) {
        return subProject + "|" + outputCode + "|" + year + "|" + (commune == null ? "*" : commune);
    }

    @EventSourcingHandler
    void on(ProgrammeRegisteredEvent event) {
        programmeCode = event.programmeCode();
        firstYear = event.firstYear();
        lastYear = event.lastYear();
    }

    @EventSourcingHandler
    void on(ProjectRegisteredEvent event) {
        projects.put(event.projectCode().value(), event.name());
    }

    @EventSourcingHandler
    void on(SubProjectRegisteredEvent event) {
        subProjects.put(event.subProjectCode().value(), new SubProject(event.projectCode().value(),
                List.of(new AgencyTerm(event.effectiveDate(), event.managingAgency()))));
    }

    @EventSourcingHandler
    void on(ManagingAgencyReassignedEvent event) {
        subProjects.computeIfPresent(event.subProjectCode().value(),
                (code, subProject) -> subProject.reassigned(event.effectiveDate(), event.managingAgency()));
    }

    @EventSourcingHandler
    void on(OutputPlannedEvent event) {
        plans.put(planKey(event.subProjectCode().value(), event.outputCode().name(), event.year(),
                event.communeCode() == null ? null : event.communeCode().value()), event.quantity());
    }

    /** A sub-project's project and agency terms, in order of their start (equal starts: later recorded last). */
    private record SubProject(String projectCode, List<AgencyTerm> terms) {

        LocalDate registeredFrom() {
            return terms.get(0).from();
        }

        /** The agency in charge on {@code date}; on or after the registration date. */
        String agencyOn(LocalDate date) {
            String agency = terms.get(0).agency();
            for (AgencyTerm term : terms) {
                if (!term.from().isAfter(date)) {
                    agency = term.agency();
                }
            }
            return agency;
        }

        SubProject reassigned(LocalDate from, String agency) {
            List<AgencyTerm> next = new ArrayList<>(terms);
            next.add(new AgencyTerm(from, agency));
            next.sort(Comparator.comparing(AgencyTerm::from));
            return new SubProject(projectCode, List.copyOf(next));
        }
    }

    private record AgencyTerm(LocalDate from, String agency) {
    }
}
