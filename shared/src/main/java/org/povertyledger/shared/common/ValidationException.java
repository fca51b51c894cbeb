package org.povertyledger.shared.common;

import java.util.Map;

/** A value broke a rule on its own: HTTP 400 at the edge. */
public class ValidationException extends DomainException {

    public ValidationException(String field, String rule, String message) {
        super(ErrorCode.VALIDATION_FAILED, field, rule, message);
    }

    public ValidationException(ErrorCode code, String field, String rule, String message, Map<String, ?> details) {
        super(code, field, rule, message, details);
    }
}
