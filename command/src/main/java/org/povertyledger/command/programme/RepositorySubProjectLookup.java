package org.povertyledger.command.programme;

import java.util.function.Supplier;

import org.axonframework.config.Configuration;
import org.axonframework.modelling.command.Repository;
import org.povertyledger.shared.programme.value.ProgrammeCode;
import org.povertyledger.shared.programme.value.SubProjectCode;

/**
 * Looks sub-projects up in the {@code Programme} aggregate, loaded through its repository inside the caller's unit
 * of work. Loading takes the programme's lock until that unit of work ends; the programme's own handlers never lock
 * an allocation, so the order allocation-then-programme cannot deadlock.
 */
public final class RepositorySubProjectLookup implements SubProjectLookup {

    private final Supplier<Repository<Programme>> repository;

    RepositorySubProjectLookup(Supplier<Repository<Programme>> repository) {
        this.repository = repository;
    }

    /**
     * A lookup over the programme repository of {@code configuration}, resolved at first use: the repository exists
     * only once the Axon configuration has been built.
     */
    public static SubProjectLookup of(Supplier<Configuration> configuration) {
        return new RepositorySubProjectLookup(() -> configuration.get().repository(Programme.class));
    }

    @Override
    public SubProjectTerms subProject(ProgrammeCode programmeCode, SubProjectCode subProjectCode) {
        return repository.get().load(programmeCode.toString()).invoke(p -> p.termsOf(subProjectCode));
    }
}
