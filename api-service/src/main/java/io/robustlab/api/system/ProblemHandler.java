package io.robustlab.api.system;

import io.robustlab.contracts.spec.InvalidSpecException;
import java.util.List;
import java.util.stream.Collectors;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.amqp.AmqpException;
import org.springframework.dao.DataAccessResourceFailureException;
import org.springframework.dao.QueryTimeoutException;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatusCode;
import org.springframework.http.ProblemDetail;
import org.springframework.http.ResponseEntity;
import org.springframework.http.converter.HttpMessageNotReadableException;
import org.springframework.jdbc.CannotGetJdbcConnectionException;
import org.springframework.security.access.AccessDeniedException;
import org.springframework.security.authentication.BadCredentialsException;
import org.springframework.security.core.AuthenticationException;
import org.springframework.transaction.CannotCreateTransactionException;
import org.springframework.web.bind.MethodArgumentNotValidException;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.bind.annotation.RestControllerAdvice;
import org.springframework.web.context.request.WebRequest;
import org.springframework.web.method.annotation.MethodArgumentTypeMismatchException;
import org.springframework.web.servlet.mvc.method.annotation.ResponseEntityExceptionHandler;
import tools.jackson.core.JacksonException;
import tools.jackson.databind.exc.MismatchedInputException;
import tools.jackson.databind.exc.UnrecognizedPropertyException;

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

    /** No key, or a key that is refused: from the security layer's entry point, or {@code Caller.current()}. */
    @ExceptionHandler(AuthenticationException.class)
    ResponseEntity<ProblemDetail> unauthenticated(AuthenticationException refused) {
        boolean presented = refused instanceof BadCredentialsException;
        String detail = presented ? refused.getMessage()
                : "this request needs an API key: send 'Authorization: Bearer <key>' or 'X-API-Key: <key>'";
        // RFC 6750: a challenge on every 401; invalid_token when a key was presented and refused.
        String challenge = presented ? "Bearer realm=\"robustlab\", error=\"invalid_token\""
                : "Bearer realm=\"robustlab\"";
        ProblemDetail problem = Problems.of(ProblemType.UNAUTHENTICATED, detail);
        return ResponseEntity.status(problem.getStatus()).header(HttpHeaders.WWW_AUTHENTICATE, challenge)
                .body(problem);
    }

    @ExceptionHandler(AccessDeniedException.class)
    ResponseEntity<ProblemDetail> forbidden(AccessDeniedException denied) {
        return respond(Problems.of(ProblemType.FORBIDDEN, denied.getMessage()));
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

    /** A request body that breaks its Bean Validation constraints: each field and why. */
    @Override
    protected ResponseEntity<Object> handleMethodArgumentNotValid(MethodArgumentNotValidException invalid,
            HttpHeaders headers, HttpStatusCode status, WebRequest request) {
        List<InvalidField> errors = invalid.getBindingResult().getFieldErrors().stream()
                .map(error -> new InvalidField(error.getField(), error.getDefaultMessage())).toList();
        String detail = errors.stream().map(error -> error.field() + " " + error.message())
                .collect(Collectors.joining("; "));
        return ResponseEntity.status(status).body(Problems.of(ProblemType.INVALID_REQUEST, status,
                detail.isEmpty() ? "the request is invalid" : detail, errors));
    }

    /** A body that is not JSON, or JSON of the wrong shape: the field, when Jackson can tell it. */
    @Override
    protected ResponseEntity<Object> handleHttpMessageNotReadable(HttpMessageNotReadableException unreadable,
            HttpHeaders headers, HttpStatusCode status, WebRequest request) {
        if (unreadable.getCause() instanceof MismatchedInputException mismatch && !mismatch.getPath().isEmpty()) {
            String field = path(mismatch);
            String message = mismatch instanceof UnrecognizedPropertyException ? "is not a known field"
                    : mismatch.getTargetType() == null ? "has the wrong type"
                    : "must be " + describe(mismatch.getTargetType());
            return ResponseEntity.status(status).body(Problems.of(ProblemType.INVALID_REQUEST, status,
                    field + " " + message, List.of(new InvalidField(field, message))));
        }
        String detail = unreadable.getCause() instanceof JacksonException ? "the body is not valid JSON"
                : "the request body is missing or unreadable";
        return ResponseEntity.status(status).body(Problems.of(ProblemType.INVALID_REQUEST, status, detail,
                List.of()));
    }

    private static String path(JacksonException exception) {
        StringBuilder path = new StringBuilder();
        for (JacksonException.Reference reference : exception.getPath()) {
            if (reference.getPropertyName() != null) {
                path.append(path.isEmpty() ? "" : ".").append(reference.getPropertyName());
            } else if (reference.getIndex() >= 0) {
                path.append('[').append(reference.getIndex()).append(']');
            }
        }
        return path.toString();
    }

    private static String describe(Class<?> type) {
        if (type == Boolean.class || type == boolean.class) {
            return "true or false";
        }
        if (Number.class.isAssignableFrom(type) || type.isPrimitive()) {
            return "a number";
        }
        if (type == String.class) {
            return "a string";
        }
        return type.isArray() || Iterable.class.isAssignableFrom(type) ? "a list" : "an object";
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
