package org.povertyledger.deploy.config;

import org.axonframework.commandhandling.gateway.IntervalRetryScheduler;
import org.axonframework.modelling.command.AggregateStreamCreationException;
import org.axonframework.modelling.command.ConcurrencyException;

/**
 * Retries a command only when the ledger refused its append because another node appended to the same aggregate
 * first ({@link ConcurrencyException}, or {@link AggregateStreamCreationException} for two creations). Nothing was
 * written by the failed attempt, and the retry loads the aggregate again, so it decides on the new state: a
 * disbursement that no longer fits is refused with the figures instead of being reported as a conflict.
 *
 * <p>Every other failure is final: a domain refusal would only be refused again, and an unknown store outcome must
 * not be repeated blindly (the client's retry with the same idempotency key is the safe path there).
 */
final class ConflictRetryScheduler extends IntervalRetryScheduler {

    ConflictRetryScheduler(Builder builder) {
        super(builder);
    }

    @Override
    protected boolean isExplicitlyNonTransient(Throwable failure) {
        for (Throwable cause = failure; cause != null; cause = cause.getCause()) {
            if (cause instanceof ConcurrencyException || cause instanceof AggregateStreamCreationException) {
                return false;
            }
            if (cause.getCause() == cause) {
                break;
            }
        }
        return true;
    }
}
