package io.robustlab.api.system;

import io.robustlab.contracts.spec.InvalidSpecException;
import java.util.List;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.amqp.AmqpException;
import org.springframework.dao.DataAccessResourceFailureException;
import org.springframework.dao.QueryTimeoutException;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatusCode;
import org.springframework.http.ProblemDetail;
import org.springframework.http.ResponseEntity;
import org.springframework.jdbc.CannotGetJdbcConnectionException;
import org.springframework.transaction.CannotCreateTransactionException;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.bind.annotation.RestControllerAdvice;
import org.springframework.web.context.request.WebRequest;
import org.springframework.web.method.annotation.MethodArgumentTypeMismatchException;
import org.springframework.web.servlet.mvc.method.annotation.ResponseEntityExceptionHandler;

/** Every error a controller raises, as an RFC 9457 problem: a stable type, the fields that were wrong, no trace. */
@RestControllerAdvice
class ProblemHandler extends ResponseEntityExceptionHandler {

    private static final Logger log = LoggerFactory.getLogger(ProblemHandler.class);

    @ExceptionHandler(ApiProblem.class)
    ResponseEntity<ProblemDetail> apiProblem(ApiProblem problem) {
        return respond(Problems.of(problem.type(), problem.type().status(), problem.getMessage(), problem.errors()));
    }

    @ExceptionHandler(InvalidSpecException.class)
    ResponseEntity<ProblemDetail> invalidSpec(InvalidSpecException invalid) {
        List<InvalidField> errors = invalid.violations().stream()
                .map(v -> new InvalidField(v.field(), v.message())).toList();
        String detail = errors.size() == 1 ? invalid.getMessage()
                : errors.size() + " problems: " + invalid.getMessage();
        return respond(Problems.of(ProblemType.INVALID_SPEC, ProblemType.INVALID_SPEC.status(), detail, errors));
    }

    @ExceptionHandler(MethodArgumentTypeMismatchException.class)
    ResponseEntity<ProblemDetail> badParameter(MethodArgumentTypeMismatchException mismatch) {
        String expected = mismatch.getRequiredType() == null ? "another value"
                : mismatch.getRequiredType().getSimpleName().equals("UUID") ? "a UUID"
                : "a " + mismatch.getRequiredType().getSimpleName();
        String message = "must be " + expected + " (got '" + mismatch.getValue() + "')";
        return respond(Problems.of(ProblemType.INVALID_REQUEST, ProblemType.INVALID_REQUEST.status(),
                mismatch.getName() + " " + message, List.of(new InvalidField(mismatch.getName(), message))));
    }

    @ExceptionHandler({CannotGetJdbcConnectionException.class, CannotCreateTransactionException.class,
            DataAccessResourceFailureException.class, QueryTimeoutException.class})
    ResponseEntity<ProblemDetail> databaseDown(RuntimeException e) {
        log.warn("database unavailable: {}", e.getMessage());
        return unavailable("the database is unavailable; try again shortly");
    }

    @ExceptionHandler(AmqpException.class)
    ResponseEntity<ProblemDetail> brokerDown(AmqpException e) {
        log.warn("broker unavailable: {}", e.getMessage());
        return unavailable("the message broker is unavailable; try again shortly");
    }

    @ExceptionHandler(Exception.class)
    ResponseEntity<ProblemDetail> unexpected(Exception e) {
        log.error("unexpected error", e);
        return respond(Problems.of(ProblemType.INTERNAL, "an unexpected error occurred; it has been logged"));
    }

    /** Spring's own exceptions (unreadable body, unsupported media type, missing parameter…) get our types. */
    @Override
    protected ResponseEntity<Object> handleExceptionInternal(Exception ex, Object body, HttpHeaders headers,
            HttpStatusCode status, WebRequest request) {
        ResponseEntity<Object> response = super.handleExceptionInternal(ex, body, headers, status, request);
        if (response != null && response.getBody() instanceof ProblemDetail problem) {
            problem.setType(Problems.typeUri(status));
            problem.setTitle(Problems.typeOf(status).title());
        }
        return response;
    }

    private static ResponseEntity<ProblemDetail> unavailable(String detail) {
        ProblemDetail problem = Problems.of(ProblemType.UNAVAILABLE, detail);
        return ResponseEntity.status(problem.getStatus()).header(HttpHeaders.RETRY_AFTER, "5").body(problem);
    }

    private static ResponseEntity<ProblemDetail> respond(ProblemDetail problem) {
        return ResponseEntity.status(problem.getStatus()).body(problem);
    }
}
