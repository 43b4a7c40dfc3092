package org.ntrklab.platform.security;

import jakarta.servlet.FilterChain;
import jakarta.servlet.ReadListener;
import jakarta.servlet.ServletException;
import jakarta.servlet.ServletInputStream;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletRequestWrapper;
import jakarta.servlet.http.HttpServletResponse;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.Charset;
import java.nio.charset.StandardCharsets;
import org.springframework.core.Ordered;
import org.springframework.web.filter.OncePerRequestFilter;
import org.springframework.web.servlet.HandlerExceptionResolver;
import org.springframework.web.servlet.ModelAndView;

/**
 * Bounds every request body ({@code ntrk.security.max-body-bytes}): a body that announces a larger length is
 * answered 413 before anything reads it, and one sent in chunks is cut off at the limit while it is read,
 * so no caller can make a service buffer more than the limit.
 */
final class RequestBodyLimit extends OncePerRequestFilter {

    /** Set on a request whose body ran past the limit, for {@link Exceeded} to answer 413 instead of 400. */
    static final String EXCEEDED = RequestBodyLimit.class.getName() + ".exceeded";

    private final long maxBytes;

    RequestBodyLimit(long maxBytes) {
        this.maxBytes = maxBytes;
    }

    @Override
    protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
            throws ServletException, IOException {
        if (request.getContentLengthLong() > maxBytes) {
            ApiAnswers.write(response, HttpServletResponse.SC_REQUEST_ENTITY_TOO_LARGE, tooLarge(maxBytes));
            return;
        }
        chain.doFilter(new Bounded(request, maxBytes), response);
    }

    static String tooLarge(long maxBytes) {
        return "the request body is larger than " + maxBytes + " bytes, the limit (ntrk.security.max-body-bytes)";
    }

    /** Thrown while a body is read past the limit; whoever reads it fails, and {@link Exceeded} answers. */
    static final class BodyTooLarge extends IOException {
        BodyTooLarge(long maxBytes) {
            super(tooLarge(maxBytes));
        }
    }

    private static final class Bounded extends HttpServletRequestWrapper {

        private final long maxBytes;
        private ServletInputStream stream;

        Bounded(HttpServletRequest request, long maxBytes) {
            super(request);
            this.maxBytes = maxBytes;
        }

        @Override
        public ServletInputStream getInputStream() throws IOException {
            if (stream == null) {
                stream = new CountingStream(super.getInputStream(), this, maxBytes);
            }
            return stream;
        }

        @Override
        public BufferedReader getReader() throws IOException {
            String encoding = getCharacterEncoding();
            Charset charset = encoding == null ? StandardCharsets.ISO_8859_1 : Charset.forName(encoding);
            return new BufferedReader(new InputStreamReader(getInputStream(), charset));
        }
    }

    private static final class CountingStream extends ServletInputStream {

        private final ServletInputStream in;
        private final HttpServletRequest request;
        private final long maxBytes;
        private long read;

        CountingStream(ServletInputStream in, HttpServletRequest request, long maxBytes) {
            this.in = in;
            this.request = request;
            this.maxBytes = maxBytes;
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

        private void count(int n) throws BodyTooLarge {
            read += n;
            if (read > maxBytes) {
                request.setAttribute(EXCEEDED, Boolean.TRUE);
                throw new BodyTooLarge(maxBytes);
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

    /**
     * Answers 413 for a body cut off at the limit. Whatever read it (a JSON or text converter) reports a
     * failed read, which would otherwise become a 400 for a malformed body.
     */
    static final class Exceeded implements HandlerExceptionResolver, Ordered {

        private final long maxBytes;

        Exceeded(long maxBytes) {
            this.maxBytes = maxBytes;
        }

        @Override
        public ModelAndView resolveException(HttpServletRequest request, HttpServletResponse response, Object handler,
                Exception e) {
            if (request.getAttribute(EXCEEDED) == null || response.isCommitted()) {
                return null;
            }
            try {
                ApiAnswers.write(response, HttpServletResponse.SC_REQUEST_ENTITY_TOO_LARGE, tooLarge(maxBytes));
            } catch (IOException ignored) {
                // the caller has gone; nothing is left to answer
            }
            return new ModelAndView();
        }

        @Override
        public int getOrder() {
            return Ordered.HIGHEST_PRECEDENCE;
        }
    }
}
