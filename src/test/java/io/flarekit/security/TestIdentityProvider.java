package io.flarekit.security;

import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.Date;
import java.util.Map;
import java.util.UUID;

import com.nimbusds.jose.JOSEException;
import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.JWSHeader;
import com.nimbusds.jose.crypto.RSASSASigner;
import com.nimbusds.jose.jwk.JWKSet;
import com.nimbusds.jose.jwk.RSAKey;
import com.nimbusds.jose.jwk.gen.RSAKeyGenerator;
import com.nimbusds.jwt.JWTClaimsSet;
import com.nimbusds.jwt.PlainJWT;
import com.nimbusds.jwt.SignedJWT;
import com.sun.net.httpserver.HttpServer;

import org.springframework.test.context.DynamicPropertyRegistry;

/**
 * An identity provider for tests: a key pair made here, its public half served as a JWK
 * set over HTTP on loopback, as Keycloak or Auth0 serve theirs, and tokens signed with
 * it. It also makes the tokens a service must refuse: signed by another key, expired,
 * from another issuer, unsigned ({@code alg: none}). Public for the admin's browser test,
 * which hands {@link #privateJwk()} to its browser-side code to sign tokens of its own.
 */
public final class TestIdentityProvider implements AutoCloseable {

	/**
	 * The {@code iss} of its tokens:
	 * {@code spring.security.oauth2.resourceserver.jwt.issuer-uri}.
	 */
	public static final String ISSUER = "https://id.example.test/realms/flarekit";

	private final RSAKey key;

	private final RSAKey stranger;

	private final HttpServer server;

	public TestIdentityProvider() {
		this.key = newKey();
		this.stranger = newKey();
		try {
			this.server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
		}
		catch (IOException ex) {
			throw new UncheckedIOException(ex);
		}
		byte[] jwks = new JWKSet(this.key.toPublicJWK()).toString().getBytes(StandardCharsets.UTF_8);
		this.server.createContext("/jwks", (exchange) -> {
			exchange.getResponseHeaders().set("Content-Type", "application/json");
			exchange.sendResponseHeaders(200, jwks.length);
			try (OutputStream body = exchange.getResponseBody()) {
				body.write(jwks);
			}
		});
		this.server.start();
	}

	/**
	 * Where the JWK set is served:
	 * {@code spring.security.oauth2.resourceserver.jwt.jwk-set-uri}.
	 */
	public String jwkSetUri() {
		return "http://127.0.0.1:" + this.server.getAddress().getPort() + "/jwks";
	}

	/** A valid token for a subject with the given claims (roles, say) added. */
	String token(String subject, Map<String, Object> claims) {
		return sign(this.key, claims(subject, ISSUER, Instant.now().plusSeconds(300), claims));
	}

	/** Points the service at this provider: its JWK set and its issuer. */
	public void use(DynamicPropertyRegistry registry) {
		registry.add("spring.security.oauth2.resourceserver.jwt.jwk-set-uri", this::jwkSetUri);
		registry.add("spring.security.oauth2.resourceserver.jwt.issuer-uri", () -> ISSUER);
	}

	/**
	 * The signing key, private half included, as a JWK (JSON), for a test that signs its
	 * tokens elsewhere (the admin's browser tests, in Node).
	 */
	public String privateJwk() {
		return this.key.toJSONString();
	}

	String expired(String subject) {
		return sign(this.key, claims(subject, ISSUER, Instant.now().minusSeconds(600), Map.of()));
	}

	String fromAnotherIssuer(String subject) {
		return sign(this.key, claims(subject, "https://evil.example.test", Instant.now().plusSeconds(300), Map.of()));
	}

	String signedByAStranger(String subject) {
		return sign(this.stranger, claims(subject, ISSUER, Instant.now().plusSeconds(300), Map.of()));
	}

	String unsigned(String subject) {
		return new PlainJWT(claims(subject, ISSUER, Instant.now().plusSeconds(300), Map.of())).serialize();
	}

	private static JWTClaimsSet claims(String subject, String issuer, Instant expiry, Map<String, Object> extra) {
		JWTClaimsSet.Builder claims = new JWTClaimsSet.Builder().subject(subject)
			.issuer(issuer)
			.issueTime(Date.from(Instant.now().minusSeconds(5)))
			.expirationTime(Date.from(expiry))
			.jwtID(UUID.randomUUID().toString());
		extra.forEach(claims::claim);
		return claims.build();
	}

	private static String sign(RSAKey key, JWTClaimsSet claims) {
		try {
			SignedJWT jwt = new SignedJWT(new JWSHeader.Builder(JWSAlgorithm.RS256).keyID(key.getKeyID()).build(),
					claims);
			jwt.sign(new RSASSASigner(key));
			return jwt.serialize();
		}
		catch (JOSEException ex) {
			throw new IllegalStateException(ex);
		}
	}

	private static RSAKey newKey() {
		try {
			return new RSAKeyGenerator(2048).keyID(UUID.randomUUID().toString()).generate();
		}
		catch (JOSEException ex) {
			throw new IllegalStateException(ex);
		}
	}

	@Override
	public void close() {
		this.server.stop(0);
	}

}
