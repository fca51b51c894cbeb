package org.povertyledger.command.programme;

import java.util.Map;
import java.util.Objects;

import org.hamcrest.Description;
import org.hamcrest.Matcher;
import org.hamcrest.TypeSafeMatcher;
import org.povertyledger.shared.common.DomainException;
import org.povertyledger.shared.common.ErrorCode;

/** Matchers for domain refusals in aggregate fixture tests. */
public final class Refusals {

    private Refusals() {
    }

    public static Matcher<DomainException> refusal(ErrorCode code, String field, String rule) {
        return refusal(code, field, rule, Map.of());
    }

    /** A refusal with that code, field and rule, whose details contain the given entries. */
    public static Matcher<DomainException> refusal(ErrorCode code, String field, String rule,
                                                   Map<String, ?> details) {
        return new TypeSafeMatcher<>() {
            @Override
            protected boolean matchesSafely(DomainException e) {
                return e.code() == code && Objects.equals(e.field(), field) && Objects.equals(e.rule(), rule)
                        && details.entrySet().stream()
                        .allMatch(d -> Objects.equals(e.details().get(d.getKey()), d.getValue()));
            }

            @Override
            public void describeTo(Description description) {
                description.appendText("refusal " + code + " field=" + field + " rule=" + rule + " details⊇" + details);
            }

            @Override
            protected void describeMismatchSafely(DomainException e, Description mismatch) {
                mismatch.appendText("was " + e.code() + " field=" + e.field() + " rule=" + e.rule() + " details="
                        + e.details() + " (" + e.getMessage() + ")");
            }
        };
    }
}
