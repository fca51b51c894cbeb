package org.povertyledger.command.web;

import java.util.Set;

import com.mongodb.MongoConnectionPoolClearedException;
import com.mongodb.MongoNodeIsRecoveringException;
import com.mongodb.MongoNotPrimaryException;
import com.mongodb.MongoServerException;
import com.mongodb.MongoSocketException;
import com.mongodb.MongoTimeoutException;

/**
 * Tells a store that cannot be reached (connection refused or dropped, no server selectable within the driver's
 * timeout, a primary stepping down) from every other failure. Such a request is answered 503 with Retry-After,
 * never 500: the service is healthy, the request was well-formed, and the same request under the same
 * Idempotency-Key may be sent again without being applied twice.
 */
public final class StoreUnavailability {

    /** Seconds a client is asked to wait before retrying (the driver's server selection timeout is of that order). */
    public static final int RETRY_AFTER_SECONDS = 5;

    /** What the problem says; whether the write landed is not known, which is why the key matters. */
    public static final String DETAIL = "the store cannot be reached; retry with the same Idempotency-Key "
            + "(a write that did reach the ledger is answered, not applied again)";

    /** InterruptedAtShutdown, InterruptedDueToReplStateChange, ShutdownInProgress, PrimarySteppedDown. */
    private static final Set<Integer> RECOVERING_CODES = Set.of(11600, 11602, 91, 189);

    private StoreUnavailability() {
    }

    /** Whether {@code failure} or one of its causes is the store being unreachable. */
    public static boolean causedBy(Throwable failure) {
        Throwable current = failure;
        for (int depth = 0; current != null && depth < 16; depth++) {
            if (current instanceof MongoSocketException || current instanceof MongoTimeoutException
                    || current instanceof MongoNotPrimaryException || current instanceof MongoNodeIsRecoveringException
                    || current instanceof MongoConnectionPoolClearedException) {
                return true;
            }
            // The driver classifies "node is recovering" codes only for some commands; a query failing with one
            // (e.g. the embedded store's ShutdownInProgress after a failed write, Decision 53) arrives as a plain
            // MongoQueryException carrying the code.
            if (current instanceof MongoServerException server && RECOVERING_CODES.contains(server.getCode())) {
                return true;
            }
            current = current.getCause();
        }
        return false;
    }
}
