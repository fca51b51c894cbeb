package org.povertyledger.command.geography;

import org.hamcrest.Matcher;
import org.povertyledger.shared.common.DomainException;
import org.povertyledger.shared.common.ErrorCode;

/** The refusal matcher, shared with the indicator aggregate's tests. */
public final class AdministrativeMapTestSupport {

    private AdministrativeMapTestSupport() {
    }

    public static Matcher<DomainException> refusal(ErrorCode code, String field, String rule) {
        return AdministrativeMapTest.refusal(code, field, rule);
    }
}
