package dev.ticketing.cloudevent;

import io.cloudevents.spring.messaging.CloudEventsHeaders;
import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.Locale;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.web.filter.OncePerRequestFilter;

/**
 * Lets no CloudEvent reach a function unless its sender is verified: every request that is a
 * CloudEvent (binary mode: a {@code ce-specversion} header in any case; structured or batched mode:
 * an {@code application/cloudevents...} content type), whatever its path, carries a sender token that
 * {@link SenderVerifier} accepts, or is answered 401 in the API's error format before anything reads
 * it. The verified subject is kept as the request attribute {@link #SENDER}; the event endpoint refuses
 * any request without it, so a request that does not look like an event cannot slip past either.
 */
final class SenderAuthenticationFilter extends OncePerRequestFilter {

    static final String SENDER = SenderAuthenticationFilter.class.getName() + ".sender";

    private static final Logger log = LoggerFactory.getLogger(SenderAuthenticationFilter.class);

    private final SenderVerifier verifier;

    SenderAuthenticationFilter(SenderVerifier verifier) {
        this.verifier = verifier;
    }

    @Override
    protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
            throws ServletException, IOException {
        if (!isCloudEvent(request)) {
            chain.doFilter(request, response);
            return;
        }
        try {
            request.setAttribute(SENDER, verifier.verify(request.getHeader("Authorization")));
        } catch (UnauthenticatedSender e) {
            log.info("Refused an event to {} {}: {}", request.getMethod(), request.getRequestURI(), e.getMessage());
            refuse(response, e.getMessage());
            return;
        } catch (IssuerUnreachable e) {
            response.setStatus(HttpServletResponse.SC_SERVICE_UNAVAILABLE);
            response.setHeader("Retry-After", "1");
            response.setContentType("application/json");
            response.getOutputStream().write(("{\"errors\":[{\"message\":\"" + e.getMessage() + "\"}]}")
                    .getBytes(StandardCharsets.UTF_8));
            return;
        }
        chain.doFilter(request, response);
    }

    static boolean isCloudEvent(HttpServletRequest request) {
        String contentType = request.getContentType();
        return request.getHeader(CloudEventsHeaders.SPEC_VERSION) != null
                || (contentType != null && contentType.toLowerCase(Locale.ROOT).startsWith("application/cloudevents"));
    }

    static void refuse(HttpServletResponse response, String message) throws IOException {
        response.setStatus(HttpServletResponse.SC_UNAUTHORIZED);
        response.setHeader("WWW-Authenticate", "Bearer");
        response.setContentType("application/json");
        response.getOutputStream().write(("{\"errors\":[{\"message\":\"" + message + "\"}]}")
                .getBytes(StandardCharsets.UTF_8));
    }
}
