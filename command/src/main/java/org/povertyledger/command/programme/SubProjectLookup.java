package org.povertyledger.command.programme;

import org.povertyledger.shared.programme.value.ProgrammeCode;
import org.povertyledger.shared.programme.value.SubProjectCode;

/** Finds a registered sub-project for a command that must refer to one. */
@FunctionalInterface
public interface SubProjectLookup {

    /**
     * The sub-project's terms.
     *
     * @throws org.axonframework.modelling.command.AggregateNotFoundException when the programme is not registered
     * @throws org.povertyledger.shared.common.DomainException {@code SUB_PROJECT_NOT_FOUND} when the programme has
     *         no such sub-project
     */
    SubProjectTerms subProject(ProgrammeCode programmeCode, SubProjectCode subProjectCode);
}
