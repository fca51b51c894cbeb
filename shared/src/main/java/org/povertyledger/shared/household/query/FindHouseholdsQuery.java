package org.povertyledger.shared.household.query;

import org.povertyledger.shared.household.value.PovertyStatus;

/**
 * A page of households, filtered by any combination of commune, village, status and minority flag
 * ({@code null} means no filter). Pages are numbered from 0.
 */
public record FindHouseholdsQuery(String communeCode, String village, PovertyStatus status, Boolean ethnicMinority,
                                  int page, int size) {
}
