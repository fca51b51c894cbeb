package org.povertyledger.shared.common;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * A refusal by the domain: an error code, the field it concerns (if any), the rule that was broken
 * and figures that explain it. Thrown before anything is applied, so a refused command writes nothing.
 */
public class DomainException extends RuntimeException {

    private final ErrorCode code;
    private final String field;
    private final String rule;
    private final Map<String, Object> details;

    public DomainException(ErrorCode code, String field, String rule, String message) {
        this(code, field, rule, message, Map.of());
    }

    public DomainException(ErrorCode code, String field, String rule, String message, Map<String, ?> details) {
        super(message);
        this.code = code;
        this.field = field;
        this.rule = rule;
        this.details = Collections.unmodifiableMap(new LinkedHashMap<>(details));
    }

    /** The stable error code. */
    public ErrorCode code() {
        return code;
    }

    /** The request field the refusal concerns, or {@code null} when it concerns the whole request. */
    public String field() {
        return field;
    }

    /** A short machine-readable name of the broken rule, e.g. {@code min:0}. */
    public String rule() {
        return rule;
    }

    /** Figures explaining the refusal (e.g. the allowed codes). */
    public Map<String, Object> details() {
        return details;
    }
}
