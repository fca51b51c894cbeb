package org.povertyledger.query.consistency;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.List;
import java.util.Map;

import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;

import org.povertyledger.shared.common.ErrorCode;
import org.povertyledger.shared.common.ValidationException;
import org.springframework.core.annotation.AnnotatedElementUtils;
import org.springframework.web.method.HandlerMethod;
import org.springframework.web.servlet.HandlerInterceptor;

/**
 * The one place read endpoints become read-your-writes: for a handler declaring {@link ReadsProjections} or
 * {@link ReadsLedger}, reads the position the client asks for ({@value #HEADER} header or {@value #PARAMETER}
 * parameter), holds the request until the declared read models have processed it (see {@link ConsistencyGate}),
 * and names in the {@value #HEADER} response header the position the answer was served at. Refusals are thrown
 * as domain exceptions, so they reach the client as problem+json like any other.
 */
public class ConsistencyInterceptor implements HandlerInterceptor {

    /** Request: the position the answer must reflect; response: the position it was served at. */
    public static final String HEADER = "Consistency-Position";
    /** The same request as a query parameter, for clients that cannot set headers (links, browsers). */
    public static final String PARAMETER = "minPosition";

    private final ConsistencyGate gate;

    public ConsistencyInterceptor(ConsistencyGate gate) {
        this.gate = gate;
    }

    @Override
    public boolean preHandle(HttpServletRequest request, HttpServletResponse response, Object handler) {
        if (!(handler instanceof HandlerMethod method)) {
            return true;
        }
        ReadsProjections projections = declared(method, ReadsProjections.class);
        boolean ledger = declared(method, ReadsLedger.class) != null;
        if (projections == null && !ledger) {
            return true;
        }
        Requested requested = requested(request);
        long served = projections != null
                ? gate.awaitProjections(List.of(projections.value()), requested.position(), requested.field())
                : gate.awaitLedger(requested.position(), requested.field());
        response.setHeader(HEADER, Long.toString(served));
        return true;
    }

    private static <A extends java.lang.annotation.Annotation> A declared(HandlerMethod method, Class<A> type) {
        A onMethod = AnnotatedElementUtils.findMergedAnnotation(method.getMethod(), type);
        return onMethod != null ? onMethod : AnnotatedElementUtils.findMergedAnnotation(method.getBeanType(), type);
    }

    /** The position asked for (-1: none) and the field it came from. */
    record Requested(long position, String field) {
    }

    /**
     * The header and the parameter may both be given, with the same value; either may appear once only. A value is
     * a whole number of at least 0.
     */
    static Requested requested(HttpServletRequest request) {
        List<String> headers = request.getHeaders(HEADER) == null ? List.of()
                : new ArrayList<>(Collections.list(request.getHeaders(HEADER)));
        String[] parameters = request.getParameterValues(PARAMETER);
        List<String> params = parameters == null ? List.of() : Arrays.asList(parameters);
        if (headers.size() > 1) {
            throw new ValidationException(HEADER, "single-value", HEADER + " may be given once");
        }
        if (params.size() > 1) {
            throw new ValidationException(PARAMETER, "single-value", PARAMETER + " may be given once");
        }
        Long header = headers.isEmpty() ? null : parse(HEADER, headers.get(0));
        Long param = params.isEmpty() ? null : parse(PARAMETER, params.get(0));
        if (header != null && param != null && !header.equals(param)) {
            throw new ValidationException(ErrorCode.VALIDATION_FAILED, PARAMETER, "equals:" + HEADER, PARAMETER + " (" + param
                    + ") and the " + HEADER + " header (" + header + ") name different positions; give one",
                    Map.of(PARAMETER, param, HEADER, header));
        }
        if (header != null) {
            return new Requested(header, HEADER);
        }
        return param != null ? new Requested(param, PARAMETER) : new Requested(-1, null);
    }

    private static long parse(String field, String value) {
        String text = value.strip();
        long position;
        try {
            position = Long.parseLong(text);
        } catch (NumberFormatException e) {
            throw new ValidationException(ErrorCode.VALIDATION_FAILED, field, "type:long", field + " must be a whole number (a ledger position)",
                    Map.of("rejected", value));
        }
        if (position < 0) {
            throw new ValidationException(ErrorCode.VALIDATION_FAILED, field, "min:0", field + " must be 0 or more", Map.of("rejected", value));
        }
        return position;
    }
}
