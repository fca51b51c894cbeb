package org.povertyledger.query.consistency;

import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/**
 * Declares the processing groups (read models) a read endpoint answers from. A request naming a log position is
 * held until every one of them has processed it; every response names the position they had all processed
 * ({@code Consistency-Position}). On a type, it applies to each handler method that does not declare its own.
 */
@Documented
@Retention(RetentionPolicy.RUNTIME)
@Target({ElementType.METHOD, ElementType.TYPE})
public @interface ReadsProjections {

    /** The processing group names, e.g. {@code HouseholdViewProjection.PROCESSING_GROUP}. */
    String[] value();
}
