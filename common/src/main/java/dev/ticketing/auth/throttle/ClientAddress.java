package dev.ticketing.auth.throttle;

import jakarta.servlet.http.HttpServletRequest;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * Which client address a request is counted against ({@code ticketing.client-address.*}). By default
 * the TCP peer: no forwarded header is trusted, since any client can send one. Behind proxies that are
 * known to set a header, name it:
 *
 * @param header a header that the edge proxy sets and overwrites on every request (for example Istio's
 *     {@code X-Envoy-External-Address}); a client-sent value never gets through such a proxy
 * @param forwardedForHops the number of trusted proxies that each append their peer to
 *     {@code X-Forwarded-For}: the address counted is the one that many entries from the right (the one
 *     the outermost trusted proxy saw); entries further left are the client's own claims and are ignored
 */
@ConfigurationProperties("ticketing.client-address")
public record ClientAddress(String header, @DefaultValue("0") int forwardedForHops) {

    public String of(HttpServletRequest request) {
        if (header != null && !header.isBlank()) {
            String value = request.getHeader(header);
            if (value != null && !value.isBlank()) {
                return value.trim();
            }
        }
        if (forwardedForHops > 0) {
            List<String> entries = new ArrayList<>();
            for (String line : Collections.list(request.getHeaders("X-Forwarded-For"))) {
                for (String entry : line.split(",")) {
                    if (!entry.isBlank()) {
                        entries.add(entry.trim());
                    }
                }
            }
            if (entries.size() >= forwardedForHops) {
                return entries.get(entries.size() - forwardedForHops);
            }
        }
        return request.getRemoteAddr();
    }
}
