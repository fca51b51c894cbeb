package org.povertyledger.deploy.web;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonMappingException;
import com.fasterxml.jackson.databind.exc.InvalidFormatException;
import com.fasterxml.jackson.databind.exc.MismatchedInputException;
import com.fasterxml.jackson.databind.exc.UnrecognizedPropertyException;
import com.fasterxml.jackson.databind.exc.ValueInstantiationException;
import org.axonframework.commandhandling.CommandExecutionException;
import org.axonframework.modelling.command.AggregateStreamCreationException;
import org.axonframework.modelling.command.AggregateNotFoundException;
import org.axonframework.modelling.command.ConcurrencyException;
import org.povertyledger.command.ledger.DuplicateRequestException;
import org.povertyledger.command.web.StoreUnavailability;
import org.povertyledger.shared.common.DomainException;
import org.povertyledger.shared.common.ErrorCode;
import org.povertyledger.shared.common.ErrorKind;
import org.povertyledger.shared.programme.value.AllocationId;
import org.povertyledger.shared.programme.value.ProgrammeCode;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.http.HttpStatusCode;
import org.springframework.http.MediaType;
import org.springframework.http.ProblemDetail;
import org.springframework.http.ResponseEntity;
import org.springframework.http.converter.HttpMessageNotReadableException;
import org.springframework.lang.NonNull;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.bind.annotation.RestControllerAdvice;
import org.springframework.web.context.request.WebRequest;
import org.springframework.web.method.annotation.MethodArgumentTypeMismatchException;
import org.springframework.web.servlet.mvc.method.annotation.ResponseEntityExceptionHandler;

/**
 * The one place where refusals become RFC 9457 problem+json. Every problem names its stable
 * {@code code}, and where it concerns one field, the {@code field} and the {@code rule} broken.
 */
@RestControllerAdvice
class ProblemDetailsAdvice extends ResponseEntityExceptionHandler {

    private static final Logger log = LoggerFactory.getLogger(ProblemDetailsAdvice.class);

    @ExceptionHandler(DomainException.class)
    ResponseEntity<Object> domain(DomainException e) {
        ResponseEntity<Object> response = problem(status(e.code().kind()), e.code(), e.field(), e.rule(),
                e.getMessage(), e.details());
        if (e.details().get("retryAfterSeconds") instanceof Number seconds) {
            return ResponseEntity.status(response.getStatusCode()).headers(response.getHeaders())
                    .header(HttpHeaders.RETRY_AFTER, Long.toString(seconds.longValue())).body(response.getBody());
        }
        return response;
    }

    @ExceptionHandler(CommandExecutionException.class)
    ResponseEntity<Object> commandExecution(CommandExecutionException e) {
        if (e.getCause() instanceof DomainException domain) {
            return domain(domain);
        }
        if (StoreUnavailability.causedBy(e)) {
            return storeUnavailable(e);
        }
        log.error("command failed", e);
        return problem(HttpStatus.INTERNAL_SERVER_ERROR, null, null, null, "the command could not be executed", Map.of());
    }

    /**
     * Names what was not found from the stream id: programmes and allocations carry a prefix (see
     * {@code ProgrammeCode}, {@code AllocationId}); an id without one is a household's.
     */
    @ExceptionHandler(AggregateNotFoundException.class)
    ResponseEntity<Object> notFound(AggregateNotFoundException e) {
        String streamId = String.valueOf(e.getAggregateIdentifier());
        if (streamId.startsWith(ProgrammeCode.STREAM_PREFIX)) {
            String code = streamId.substring(ProgrammeCode.STREAM_PREFIX.length());
            return problem(HttpStatus.NOT_FOUND, ErrorCode.PROGRAMME_NOT_FOUND, "programmeCode", "exists",
                    "no programme with code " + code, Map.of("programmeCode", code));
        }
        if (streamId.startsWith(AllocationId.STREAM_PREFIX)) {
            String id = streamId.substring(AllocationId.STREAM_PREFIX.length());
            return problem(HttpStatus.NOT_FOUND, ErrorCode.ALLOCATION_NOT_FOUND, "allocationId", "exists",
                    "no allocation with id " + id, Map.of("allocationId", id));
        }
        return problem(HttpStatus.NOT_FOUND, ErrorCode.HOUSEHOLD_NOT_FOUND, "householdId", "exists",
                "no household with id " + streamId, Map.of("householdId", streamId));
    }

    @ExceptionHandler({ConcurrencyException.class, AggregateStreamCreationException.class})
    ResponseEntity<Object> concurrency(RuntimeException e) {
        return problem(HttpStatus.CONFLICT, ErrorCode.CONCURRENT_MODIFICATION, null, "no-concurrent-change",
                "the record was changed concurrently; nothing was written, retry the request", Map.of());
    }

    /** A retry of a request whose events are already in the ledger: answer with where they are. */
    @ExceptionHandler(DuplicateRequestException.class)
    ResponseEntity<Object> alreadyApplied(DuplicateRequestException e) {
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("alreadyApplied", true);
        body.put("position", e.existingCommitPosition());
        body.put("lastPosition", e.existingLastPosition());
        return ResponseEntity.ok().contentType(MediaType.APPLICATION_JSON).body(body);
    }

    @ExceptionHandler(MethodArgumentTypeMismatchException.class)
    ResponseEntity<Object> typeMismatch(MethodArgumentTypeMismatchException e) {
        String expected = e.getRequiredType() == null ? "value" : e.getRequiredType().getSimpleName();
        Map<String, Object> details = new LinkedHashMap<>();
        if (e.getRequiredType() != null && e.getRequiredType().isEnum()) {
            details.put("allowed", List.of(e.getRequiredType().getEnumConstants()).stream().map(String::valueOf).toList());
        }
        return problem(HttpStatus.BAD_REQUEST, ErrorCode.VALIDATION_FAILED, e.getName(), "type:" + expected,
                e.getName() + " must be a " + expected, details);
    }

    @Override
    protected ResponseEntity<Object> handleHttpMessageNotReadable(@NonNull HttpMessageNotReadableException e,
                                                                  @NonNull HttpHeaders headers,
                                                                  @NonNull HttpStatusCode status,
                                                                  @NonNull WebRequest request) {
        Throwable cause = e.getCause();
        if (cause instanceof ValueInstantiationException vie && vie.getCause() instanceof DomainException domain) {
            return domain(domain);
        }
        if (cause instanceof UnrecognizedPropertyException upe) {
            return problem(HttpStatus.BAD_REQUEST, ErrorCode.VALIDATION_FAILED, path(upe), "known-property",
                    "unknown property '" + upe.getPropertyName() + "'", Map.of());
        }
        if (cause instanceof InvalidFormatException ife) {
            Map<String, Object> details = new LinkedHashMap<>();
            String expected = ife.getTargetType() == null ? "value" : ife.getTargetType().getSimpleName();
            if (ife.getTargetType() != null && ife.getTargetType().isEnum()) {
                details.put("allowed", List.of(ife.getTargetType().getEnumConstants()).stream().map(String::valueOf).toList());
            }
            details.put("rejected", String.valueOf(ife.getValue()));
            return problem(HttpStatus.BAD_REQUEST, ErrorCode.VALIDATION_FAILED, path(ife), "type:" + expected,
                    path(ife) + " must be a valid " + expected, details);
        }
        if (cause instanceof MismatchedInputException mie) {
            String expected = mie.getTargetType() == null ? "value" : mie.getTargetType().getSimpleName();
            return problem(HttpStatus.BAD_REQUEST, ErrorCode.VALIDATION_FAILED, path(mie), "type:" + expected,
                    path(mie) + " must be a " + expected, Map.of());
        }
        if (cause instanceof JsonProcessingException jpe) {
            return problem(HttpStatus.BAD_REQUEST, ErrorCode.VALIDATION_FAILED, "body", "json",
                    "malformed JSON: " + jpe.getOriginalMessage(), Map.of());
        }
        return problem(HttpStatus.BAD_REQUEST, ErrorCode.VALIDATION_FAILED, "body", "json",
                "the request body is missing or not readable JSON", Map.of());
    }

    @Override
    protected ResponseEntity<Object> handleExceptionInternal(@NonNull Exception ex, Object body, @NonNull HttpHeaders headers,
                                                             @NonNull HttpStatusCode statusCode, @NonNull WebRequest request) {
        ResponseEntity<Object> response = super.handleExceptionInternal(ex, body, headers, statusCode, request);
        if (response != null && response.getBody() instanceof ProblemDetail problem) {
            problem.setProperty("code", statusCode.is4xxClientError() ? ErrorCode.VALIDATION_FAILED.name() : null);
            return ResponseEntity.status(response.getStatusCode()).headers(response.getHeaders())
                    .contentType(MediaType.APPLICATION_PROBLEM_JSON).body(problem);
        }
        return response;
    }

    @ExceptionHandler(Exception.class)
    ResponseEntity<Object> unexpected(Exception e) {
        if (StoreUnavailability.causedBy(e)) {
            return storeUnavailable(e);
        }
        log.error("unexpected error", e);
        return problem(HttpStatus.INTERNAL_SERVER_ERROR, null, null, null, "an unexpected error occurred; nothing was written",
                Map.of());
    }

    /** The store is unreachable: a 503 the client may retry under the same key, not a server fault (500). */
    private static ResponseEntity<Object> storeUnavailable(Exception e) {
        log.warn("store unavailable: {}", e.toString());
        ResponseEntity<Object> problem = problem(HttpStatus.SERVICE_UNAVAILABLE, ErrorCode.STORE_UNAVAILABLE, null,
                null, StoreUnavailability.DETAIL, Map.of());
        return ResponseEntity.status(problem.getStatusCode()).headers(problem.getHeaders())
                .header(HttpHeaders.RETRY_AFTER, Integer.toString(StoreUnavailability.RETRY_AFTER_SECONDS))
                .body(problem.getBody());
    }

    private static String path(JsonMappingException e) {
        String path = e.getPath().stream()
                .map(ref -> ref.getFieldName() != null ? ref.getFieldName() : "[" + ref.getIndex() + "]")
                .collect(Collectors.joining(".")).replace(".[", "[");
        return path.isEmpty() ? "body" : path;
    }

    private static HttpStatus status(ErrorKind kind) {
        return switch (kind) {
            case VALIDATION -> HttpStatus.BAD_REQUEST;
            case NOT_FOUND -> HttpStatus.NOT_FOUND;
            case CONFLICT -> HttpStatus.CONFLICT;
            case UNAVAILABLE -> HttpStatus.SERVICE_UNAVAILABLE;
            case FORBIDDEN -> HttpStatus.FORBIDDEN;
        };
    }

    static ResponseEntity<Object> problem(HttpStatus status, ErrorCode code, String field, String rule, String detail,
                                          Map<String, Object> details) {
        ProblemDetail problem = ProblemDetail.forStatusAndDetail(status, detail);
        problem.setTitle(status.getReasonPhrase());
        if (code != null) {
            problem.setProperty("code", code.name());
        }
        if (field != null) {
            problem.setProperty("field", field);
        }
        if (rule != null) {
            problem.setProperty("rule", rule);
        }
        details.forEach(problem::setProperty);
        return ResponseEntity.status(status).contentType(MediaType.APPLICATION_PROBLEM_JSON).body(problem);
    }
}
