package io.flarekit.security;

import jakarta.servlet.DispatcherType;
import tools.jackson.databind.json.JsonMapper;

import org.springframework.beans.factory.ObjectProvider;
import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.boot.autoconfigure.condition.ConditionalOnWebApplication;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.http.HttpMethod;
import org.springframework.security.config.annotation.web.builders.HttpSecurity;
import org.springframework.security.config.annotation.web.configurers.AbstractHttpConfigurer;
import org.springframework.security.config.http.SessionCreationPolicy;
import org.springframework.security.config.observation.SecurityObservationSettings;
import org.springframework.security.oauth2.jwt.JwtDecoder;
import org.springframework.security.oauth2.server.resource.web.authentication.BearerTokenAuthenticationConverter;
import org.springframework.security.oauth2.server.resource.web.authentication.BearerTokenAuthenticationFilter;
import org.springframework.security.web.SecurityFilterChain;
import org.springframework.security.web.firewall.HttpFirewall;
import org.springframework.security.web.firewall.StrictHttpFirewall;

/**
 * The one filter chain: stateless (no session, no CSRF token, no login form, no HTTP
 * basic), a bearer token read by {@link BearerTokens} and checked by
 * {@link BearerAuthentication} (an API key, or a JWT of the identity provider when one is
 * configured), a few paths open to anyone, and every other request decided by
 * {@link ResourceAccess}. Refusals are {@link SecurityProblems}. The request id and CORS
 * filters run before this chain (their order is below Spring Security's -100), so
 * refusals carry both, and CORS preflights are answered before any credential is asked.
 */
@Configuration(proxyBeanMethods = false)
@ConditionalOnWebApplication
@EnableConfigurationProperties(JwtProperties.class)
class SecurityConfiguration {

	/**
	 * Always open: the welcome, the OpenAPI document, Swagger UI, health, the admin UI's
	 * pages (its calls to the API carry the key) and errors.
	 */
	static final String[] OPEN_PATHS = { "/", "/specification.json", "/specification.json/**",
			"/specification.json.yaml", "/docs", "/docs/**", "/swagger-ui.html", "/swagger-ui/**", "/actuator/health",
			"/actuator/health/**", "/admin", "/admin/**" };

	private static final String ERROR_PATH = "/error";

	@Bean
	SecurityFilterChain securityFilterChain(HttpSecurity http, KeyAuthenticator keys,
			ObjectProvider<JwtDecoder> identityProvider, JwtProperties jwt, ResourceAccess access, JsonMapper json)
			throws Exception {
		SecurityProblems problems = new SecurityProblems(json);
		BearerTokenAuthenticationConverter converter = new BearerTokenAuthenticationConverter();
		converter.setBearerTokenResolver(new BearerTokens());
		BearerTokenAuthenticationFilter bearer = new BearerTokenAuthenticationFilter(
				new BearerAuthentication(keys, identityProvider.getIfAvailable(), jwt.rolesClaim()), converter);
		bearer.setAuthenticationEntryPoint(problems);
		http.csrf(AbstractHttpConfigurer::disable)
			.formLogin(AbstractHttpConfigurer::disable)
			.httpBasic(AbstractHttpConfigurer::disable)
			.logout(AbstractHttpConfigurer::disable)
			.requestCache(AbstractHttpConfigurer::disable)
			.sessionManagement((sessions) -> sessions.sessionCreationPolicy(SessionCreationPolicy.STATELESS))
			.addFilter(bearer)
			.exceptionHandling(
					(exceptions) -> exceptions.authenticationEntryPoint(problems).accessDeniedHandler(problems))
			.authorizeHttpRequests((requests) -> requests.dispatcherTypeMatchers(DispatcherType.ERROR)
				.permitAll()
				.requestMatchers(ERROR_PATH)
				.permitAll()
				.requestMatchers(HttpMethod.GET, OPEN_PATHS)
				.permitAll()
				.requestMatchers(HttpMethod.HEAD, OPEN_PATHS)
				.permitAll()
				.anyRequest()
				.access(access));
		return http.build();
	}

	/**
	 * Spring Security observes every filter of the chain, every authentication and every
	 * authorization whenever an observation registry exists (the actuator makes one),
	 * even when {@code management.observations.enable.spring.security} turns the
	 * observations off: it still wraps each filter. Off, this setting leaves the chain
	 * unwrapped, which saves about a third of the chain's cost (docs/benchmarks.md); on,
	 * Spring Security observes as usual.
	 */
	@Bean
	@ConditionalOnProperty(name = "management.observations.enable.spring.security", havingValue = "false")
	SecurityObservationSettings noSecurityObservations() {
		return SecurityObservationSettings.noObservations();
	}

	/**
	 * Spring Security's firewall for paths ({@code ..}, {@code //}, encoded slashes and
	 * the like are refused with 400), but not for header and parameter values: it checks
	 * those only when they are read, which may be inside a controller, where a refusal
	 * would become a 500. Tomcat has already held them to HTTP's syntax, and
	 * {@link BearerTokens} checks the one header security reads.
	 */
	@Bean
	HttpFirewall httpFirewall() {
		StrictHttpFirewall firewall = new StrictHttpFirewall();
		firewall.setAllowedHeaderNames((name) -> true);
		firewall.setAllowedHeaderValues((value) -> true);
		firewall.setAllowedParameterNames((name) -> true);
		return firewall;
	}

}
