package io.robustlab.api.system;

import jakarta.servlet.FilterChain;
import jakarta.servlet.ReadListener;
import jakarta.servlet.ServletException;
import jakarta.servlet.ServletInputStream;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletRequestWrapper;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import org.springframework.http.HttpStatus;
import org.springframework.web.filter.OncePerRequestFilter;
import org.springframework.web.servlet.HandlerExceptionResolver;

/**
 * Refuses a request body above {@link HttpProperties#maxRequestBody()}: at once when its {@code Content-Length} says
 * so, else when the bytes read pass the limit. Tomcat itself bounds only form posts; every body this API takes is
 * small, so nothing larger is ever buffered.
 */
class RequestBodyLimit extends OncePerRequestFilter {

    private final long limit;
    private final HandlerExceptionResolver problems;

    RequestBodyLimit(long limit, HandlerExceptionResolver problems) {
        this.limit = limit;
        this.problems = problems;
    }

    @Override
    protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
            throws ServletException, IOException {
        long length = request.getContentLengthLong();
        if (length > limit) {
            if (problems.resolveException(request, response, null, tooLarge(length + " bytes")) == null) {
                response.sendError(HttpStatus.CONTENT_TOO_LARGE.value());
            }
            return;
        }
        chain.doFilter(length < 0 ? new Limited(request, limit) : request, response);
    }

    private ApiProblem tooLarge(String size) {
        return new ApiProblem(ProblemType.PAYLOAD_TOO_LARGE,
                "the request body has " + size + "; at most " + limit + " bytes are accepted");
    }

    /** A body of unknown length (chunked), counted as it is read. */
    private final class Limited extends HttpServletRequestWrapper {

        private final long limit;
        private ServletInputStream counted;

        Limited(HttpServletRequest request, long limit) {
            super(request);
            this.limit = limit;
        }

        @Override
        public ServletInputStream getInputStream() throws IOException {
            if (counted == null) {
                counted = new Counted(super.getInputStream());
            }
            return counted;
        }

        private final class Counted extends ServletInputStream {

            private final ServletInputStream in;
            private long read;

            Counted(ServletInputStream in) {
                this.in = in;
            }

            @Override
            public int read() throws IOException {
                int b = in.read();
                if (b >= 0) {
                    count(1);
                }
                return b;
            }

            @Override
            public int read(byte[] buffer, int offset, int length) throws IOException {
                int n = in.read(buffer, offset, length);
                if (n > 0) {
                    count(n);
                }
                return n;
            }

            /**
             * Unchecked on purpose: a message converter turns an IOException into a 400 "unreadable body", while
             * this reaches the problem handler as what it is, a 413.
             */
            private void count(int n) {
                read += n;
                if (read > limit) {
                    throw tooLarge("more than " + limit + " bytes");
                }
            }

            @Override
            public boolean isFinished() {
                return in.isFinished();
            }

            @Override
            public boolean isReady() {
                return in.isReady();
            }

            @Override
            public void setReadListener(ReadListener listener) {
                in.setReadListener(listener);
            }
        }
    }
}
