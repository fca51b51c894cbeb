package org.povertyledger.deploy.web;

import java.util.Map;

import jakarta.servlet.RequestDispatcher;
import jakarta.servlet.http.HttpServletRequest;
import org.povertyledger.shared.common.ErrorCode;
import org.springframework.boot.web.servlet.error.ErrorController;
import org.springframework.http.HttpStatus;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;

/**
 * Answers what reaches the servlet container's error page (a request refused by a filter with
 * {@code sendError}, an unreadable multipart body) as problem+json, like every other refusal, instead of Spring
 * Boot's default JSON error body.
 */
@RestController
class ProblemErrorController implements ErrorController {

    @RequestMapping("/error")
    ResponseEntity<Object> error(HttpServletRequest request) {
        Object code = request.getAttribute(RequestDispatcher.ERROR_STATUS_CODE);
        HttpStatus status = code instanceof Integer value && HttpStatus.resolve(value) != null
                ? HttpStatus.valueOf(value) : HttpStatus.INTERNAL_SERVER_ERROR;
        return ProblemDetailsAdvice.problem(status, status.is4xxClientError() ? ErrorCode.VALIDATION_FAILED : null,
                null, null, status.is4xxClientError() ? "the request was refused (" + status.getReasonPhrase() + ")"
                        : "an unexpected error occurred; nothing was written", Map.of());
    }
}
