package io.flarekit.security;

import jakarta.servlet.DispatcherType;
import tools.jackson.databind.json.JsonMapper;

import org.springframework.beans.factory.ObjectProvider;
import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.boot.autoconfigure.condition.ConditionalOnWebApplication;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.context.ApplicationContext;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.http.HttpMethod;
import org.springframework.security.config.annotation.web.builders.HttpSecurity;
import org.springframework.security.config.annotation.web.configurers.AbstractHttpConfigurer;
import org.springframework.security.config.observation.SecurityObservationSettings;
import org.springframework.security.oauth2.jwt.JwtDecoder;
import org.springframework.security.oauth2.server.resource.web.authentication.BearerTokenAuthenticationConverter;
import org.springframework.security.oauth2.server.resource.web.authentication.BearerTokenAuthenticationFilter;
import org.springframework.security.web.SecurityFilterChain;
import org.springframework.security.web.context.RequestAttributeSecurityContextRepository;
import org.springframework.security.web.servlet.util.matcher.PathPatternRequestMatcher;
import org.springframework.security.web.firewall.HttpFirewall;
import org.springframework.security.web.firewall.StrictHttpFirewall;
import org.springframework.web.util.pattern.PathPatternParser;

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

	/** Spring MVC's path pattern parser, which Spring Security must match paths with. */
	private static final String MVC_PATTERN_PARSER = "mvcPatternParser";

	/**
	 * The chain. Besides what a stateless API does not use (CSRF, login, logout, the
	 * request cache), it leaves out what Spring Security keeps for sessions and servlet
	 * API callers: the session management filter (and the one that stops session ids in
	 * URLs: nothing makes a session) and the wrapper that answers
	 * {@code request.getUserPrincipal()} (nothing here asks; the security context is read
	 * instead). Both ran on every request. A refused request saves nothing for a later
	 * login (the request cache, disabled, leaves a null one: no session is made), and the
	 * security context lives in the request only, as {@code STATELESS} had it.
	 */
	@Bean
	SecurityFilterChain securityFilterChain(HttpSecurity http, KeyAuthenticator keys,
			ObjectProvider<JwtDecoder> identityProvider, JwtProperties jwt, ResourceAccess access, JsonMapper json,
			ApplicationContext context) throws Exception {
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
			.sessionManagement(AbstractHttpConfigurer::disable)
			.servletApi(AbstractHttpConfigurer::disable)
			.securityContext(
					(contexts) -> contexts.securityContextRepository(new RequestAttributeSecurityContextRepository()))
			.addFilter(bearer)
			.exceptionHandling(
					(exceptions) -> exceptions.authenticationEntryPoint(problems).accessDeniedHandler(problems))
			.authorizeHttpRequests((requests) -> requests.dispatcherTypeMatchers(DispatcherType.ERROR)
				.permitAll()
				.requestMatchers(openPaths(context))
				.permitAll()
				.anyRequest()
				.access(access));
		return http.build();
	}

	/**
	 * The error path for any method, and {@link #OPEN_PATHS} for {@code GET} and
	 * {@code HEAD}, matched with Spring MVC's parser as {@code requestMatchers} would.
	 */
	static OpenPaths openPaths(ApplicationContext context) {
		PathPatternParser parser = context.containsBean(MVC_PATTERN_PARSER)
				? context.getBean(MVC_PATTERN_PARSER, PathPatternParser.class) : PathPatternParser.defaultInstance;
		return OpenPaths.of(PathPatternRequestMatcher.withPathPatternParser(parser),
				new OpenPaths.Entry(null, ERROR_PATH), new OpenPaths.Entry(HttpMethod.GET, OPEN_PATHS),
				new OpenPaths.Entry(HttpMethod.HEAD, OPEN_PATHS));
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
