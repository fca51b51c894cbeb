package org.povertyledger.command.ledger;

import com.mongodb.ErrorCategory;
import com.mongodb.MongoBulkWriteException;
import com.mongodb.MongoServerException;
import com.mongodb.MongoWriteException;
import org.axonframework.common.jdbc.PersistenceExceptionResolver;

/**
 * Tells Axon which MongoDB failures are duplicate-key violations (error code 11000 and its legacy variants), the
 * way {@code JdbcEventStorageEngine} uses a SQL error-code resolver. Axon then turns a violation into a
 * {@code ConcurrencyException} (or an {@code AggregateStreamCreationException} for sequence number 0).
 */
public class MongoDuplicateKeyResolver implements PersistenceExceptionResolver {

    @Override
    public boolean isDuplicateKeyViolation(Exception exception) {
        for (Throwable t = exception; t != null; t = t.getCause()) {
            if (t instanceof MongoWriteException write
                    && ErrorCategory.fromErrorCode(write.getError().getCode()) == ErrorCategory.DUPLICATE_KEY) {
                return true;
            }
            if (t instanceof MongoBulkWriteException bulk && bulk.getWriteErrors().stream()
                    .anyMatch(e -> ErrorCategory.fromErrorCode(e.getCode()) == ErrorCategory.DUPLICATE_KEY)) {
                return true;
            }
            if (t instanceof MongoServerException server
                    && ErrorCategory.fromErrorCode(server.getCode()) == ErrorCategory.DUPLICATE_KEY) {
                return true;
            }
        }
        return false;
    }
}
