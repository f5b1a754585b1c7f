package io.robustlab.api.system;

import jakarta.servlet.RequestDispatcher;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import java.net.URI;
import java.util.List;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.boot.webmvc.error.ErrorAttributes;
import org.springframework.boot.webmvc.error.ErrorController;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ProblemDetail;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;
import org.springframework.web.context.request.ServletWebRequest;

/**
 * Errors that never reached a controller (an exception in a filter, a request the firewall rejects, anything the
 * servlet container sends to its error page) as problems, whatever the client accepts: Spring Boot's error page
 * replaced, with no stack trace and no exception message.
 */
@RestController
class ContainerErrorController implements ErrorController {

    private static final Logger log = LoggerFactory.getLogger(ContainerErrorController.class);

    private final ErrorAttributes errorAttributes;

    ContainerErrorController(ErrorAttributes errorAttributes) {
        this.errorAttributes = errorAttributes;
    }

    @RequestMapping("${server.error.path:${error.path:/error}}")
    ResponseEntity<ProblemDetail> error(HttpServletRequest request) {
        Object code = request.getAttribute(RequestDispatcher.ERROR_STATUS_CODE);
        String path = (String) request.getAttribute(RequestDispatcher.ERROR_REQUEST_URI);
        Throwable error = unwrap(errorAttributes.getError(new ServletWebRequest(request)));
        if (code == null) {
            // Asked for directly, not forwarded by the container: there is nothing here.
            return respond(Problems.of(ProblemType.NOT_FOUND, "there is nothing at " + request.getRequestURI()),
                    request.getRequestURI());
        }
        ProblemDetail problem;
        if (error instanceof ApiProblem known) {
            problem = Problems.of(known.type(), known.type().status(), known.getMessage(), known.errors());
        } else {
            HttpStatus status = HttpStatus.resolve((Integer) code);
            if (status == null) {
                status = HttpStatus.INTERNAL_SERVER_ERROR;
            }
            if (status.is5xxServerError()) {
                // An exception's trace was logged by the container already.
                log.error("error {} on {} {}{}", status.value(), request.getMethod(), path,
                        error == null ? "" : ": " + error.getClass().getName());
            }
            problem = Problems.of(Problems.typeOf(status), status, detail(status, path), List.of());
        }
        return respond(problem, path);
    }

    private static ResponseEntity<ProblemDetail> respond(ProblemDetail problem, String path) {
        if (path != null) {
            problem.setInstance(URI.create(path));
        }
        return ResponseEntity.status(problem.getStatus()).contentType(MediaType.APPLICATION_PROBLEM_JSON)
                .body(problem);
    }

    static String detail(HttpStatus status, String path) {
        return switch (status) {
            case NOT_FOUND -> "there is nothing at " + path;
            case BAD_REQUEST -> "the request is malformed";
            case CONTENT_TOO_LARGE -> "the request is too large";
            default -> status.is5xxServerError() ? "an unexpected error occurred; it has been logged"
                    : status.getReasonPhrase();
        };
    }

    private static Throwable unwrap(Throwable error) {
        Throwable cause = error;
        while (cause instanceof ServletException && cause.getCause() != null) {
            cause = cause.getCause();
        }
        return cause;
    }
}
