package org.povertyledger.query.consistency;

import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/**
 * Declares that a read endpoint answers straight from the ledger (the feed): it is consistent with a position as
 * soon as the ledger holds it, so a request naming a position only has it checked against the head.
 */
@Documented
@Retention(RetentionPolicy.RUNTIME)
@Target({ElementType.METHOD, ElementType.TYPE})
public @interface ReadsLedger {
}
