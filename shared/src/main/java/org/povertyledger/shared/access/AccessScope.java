package org.povertyledger.shared.access;

/**
 * The scope of the request being served, and the one place refusals are reported. Implemented at the edge from
 * the authenticated user; the HTTP adapters ask it instead of reading security state themselves, so every
 * endpoint applies the same rule and every refusal is counted and logged the same way.
 */
public interface AccessScope {

    /** The scope of the current request's user; {@link UnitScope#none()} when nobody is authenticated. */
    UnitScope current();

    /**
     * Records a refused or filtered attempt (a metric and a log line without personal data).
     *
     * @param reason why, e.g. {@code out-of-scope}
     * @param endpoint a stable name of what was asked, e.g. {@code household.read}
     */
    void denied(String reason, String endpoint);

    /**
     * Whether {@code unitCode} is inside the current scope; when it is not, the attempt is recorded as
     * {@code out-of-scope} on {@code endpoint}.
     */
    default boolean permits(String unitCode, String endpoint) {
        if (current().covers(unitCode)) {
            return true;
        }
        denied("out-of-scope", endpoint);
        return false;
    }

    /** A scope that lets everything through, for tools running without a user (import command line, benchmarks). */
    static AccessScope unrestricted() {
        return new AccessScope() {
            @Override
            public UnitScope current() {
                return UnitScope.nationalScope();
            }

            @Override
            public void denied(String reason, String endpoint) {
                // nothing is ever denied
            }
        };
    }
}
