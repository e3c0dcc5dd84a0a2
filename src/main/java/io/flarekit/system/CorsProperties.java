package io.flarekit.system;

import java.time.Duration;
import java.util.List;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * Which browser origins may call the API. Open by default, as in the original; list the
 * admin app's origin in production.
 *
 * @param allowedOrigins origin patterns such as {@code https://admin.example.com}, or
 * {@code *} for any
 * @param maxAge how long browsers may cache a preflight answer
 */
@ConfigurationProperties("flarekit.cors")
public record CorsProperties(@DefaultValue("*") List<String> allowedOrigins, @DefaultValue("1h") Duration maxAge) {
}
