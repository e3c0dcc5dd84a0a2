package io.flarekit.testing;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Locale;
import java.util.Properties;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;

import org.gaul.s3proxy.BlobStores;
import org.gaul.s3proxy.S3Proxy;
import org.gaul.s3proxy.auth.AuthenticationType;
import org.gaul.s3proxy.blobstore.BlobStore;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.http.urlconnection.UrlConnectionHttpClient;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.s3.S3Client;

import org.springframework.test.context.DynamicPropertyRegistry;

/**
 * A real S3 server for the tests: S3Proxy, in this JVM, keeping objects in a temporary
 * folder (docs/decisions.md says why this one). It listens on a TCP port, so the
 * service's packaged jar in a child process can use it as well as a test context.
 * {@link #shared()} is one server per JVM; {@link #start} gives one of a test's own,
 * which it may {@link #stop} and {@link #restart} on the same port (the objects stay).
 * <p>
 * The service finds its credentials through the AWS SDK's default chain: {@link #use}
 * sets the {@code aws.accessKeyId} and {@code aws.secretAccessKey} system properties of
 * this JVM to the server's; a child process gets them as {@code AWS_ACCESS_KEY_ID} and
 * {@code AWS_SECRET_ACCESS_KEY}.
 */
public final class TestS3 {

	/** The credentials of {@link #shared()}. */
	public static final String ACCESS_KEY = "flarekit-test";

	public static final String SECRET_KEY = "flarekit-test-secret";

	/**
	 * The ports of the servers stopped in this JVM. The JDK keeps idle connections to an
	 * address for a few seconds and the tests' clients share them, so a new server on
	 * such a port would receive requests written into connections of the stopped one: an
	 * upload then fails three times over ("Error writing request body to server") while
	 * the server is up.
	 */
	private static final Set<Integer> STOPPED_PORTS = ConcurrentHashMap.newKeySet();

	private static TestS3 shared;

	private final BlobStore objects;

	private final String accessKey;

	private final String secretKey;

	private S3Proxy server;

	private int port;

	private TestS3(BlobStore objects, String accessKey, String secretKey) {
		this.objects = objects;
		this.accessKey = accessKey;
		this.secretKey = secretKey;
	}

	/**
	 * The server of this JVM, started on first use and stopped when the JVM exits.
	 * @return the server
	 */
	public static synchronized TestS3 shared() {
		if (shared == null) {
			shared = start(ACCESS_KEY, SECRET_KEY);
			TestS3 started = shared;
			Runtime.getRuntime().addShutdownHook(new Thread(started::stop));
		}
		return shared;
	}

	/**
	 * Starts a server of the caller's own on a free port, never one that a stopped server
	 * of this JVM had.
	 * @param accessKey the access key it accepts
	 * @param secretKey its secret
	 * @return the running server; stop it when done
	 */
	public static TestS3 start(String accessKey, String secretKey) {
		return start(accessKey, secretKey, 0);
	}

	/**
	 * Starts a server, trying a port first, as the system may hand out a port again.
	 * @param port the port to try first; 0 for any free one
	 */
	static TestS3 start(String accessKey, String secretKey, int port) {
		try {
			Path folder = Files.createTempDirectory("flarekit-s3-");
			Properties properties = new Properties();
			properties.setProperty("jclouds.filesystem.basedir", folder.toString());
			TestS3 s3 = new TestS3(BlobStores.create("filesystem-nio2", properties), accessKey, secretKey);
			s3.listen(port);
			while (STOPPED_PORTS.contains(s3.port)) {
				S3Proxy onAStoppedPort = s3.server; // held, so that the next port differs
				s3.listen(0);
				stop(onAStoppedPort);
			}
			return s3;
		}
		catch (IOException ex) {
			throw new UncheckedIOException("Cannot create the test S3 server's folder", ex);
		}
	}

	/**
	 * Creates an empty bucket.
	 * @param purpose a word for its name, to tell them apart
	 * @return its name
	 */
	public String newBucket(String purpose) {
		String name = purpose.toLowerCase(Locale.ROOT).replaceAll("[^a-z0-9]", "-") + "-"
				+ UUID.randomUUID().toString().substring(0, 8);
		try (S3Client client = client()) {
			client.createBucket((create) -> create.bucket(name));
		}
		return name;
	}

	/**
	 * Points a test context's storage at a new bucket of this server.
	 * @param registry the context's properties
	 * @param purpose a word for the bucket's name
	 */
	public void use(DynamicPropertyRegistry registry, String purpose) {
		use(registry, purpose, endpoint());
	}

	/**
	 * Points a test context's storage at a new bucket of this server, reached through
	 * another address (a relay in front of it).
	 * @param registry the context's properties
	 * @param purpose a word for the bucket's name
	 * @param endpoint the address the service uses
	 */
	public void use(DynamicPropertyRegistry registry, String purpose, URI endpoint) {
		// the service finds them through the AWS SDK's default chain
		System.setProperty("aws.accessKeyId", this.accessKey);
		System.setProperty("aws.secretAccessKey", this.secretKey);
		String bucket = newBucket(purpose);
		registry.add("flarekit.storage.type", () -> "s3");
		registry.add("flarekit.storage.s3.bucket", () -> bucket);
		registry.add("flarekit.storage.s3.endpoint", endpoint::toString);
		registry.add("flarekit.storage.s3.path-style", () -> "true");
	}

	/** The server's URL, for {@code flarekit.storage.s3.endpoint}. */
	public URI endpoint() {
		return URI.create("http://127.0.0.1:" + this.port);
	}

	public int port() {
		return this.port;
	}

	/** A client of the server, path-style; close it. */
	public S3Client client() {
		return S3Client.builder()
			.httpClient(UrlConnectionHttpClient.create())
			.endpointOverride(endpoint())
			.region(Region.US_EAST_1)
			.forcePathStyle(true)
			.credentialsProvider(
					StaticCredentialsProvider.create(AwsBasicCredentials.create(this.accessKey, this.secretKey)))
			.build();
	}

	/** Stops listening; the objects stay for {@link #restart}. */
	public synchronized void stop() {
		if (this.server != null) {
			stop(this.server);
			this.server = null;
			STOPPED_PORTS.add(this.port);
		}
	}

	private static void stop(S3Proxy server) {
		try {
			server.stop();
		}
		catch (Exception ex) {
			throw new IllegalStateException("Cannot stop the test S3 server", ex);
		}
	}

	/** Listens again on the port it had, with the objects it had. */
	public synchronized void restart() {
		listen(this.port);
	}

	private synchronized void listen(int wanted) {
		S3Proxy proxy = S3Proxy.builder()
			.blobStore(this.objects)
			.awsAuthentication(AuthenticationType.AWS_V2_OR_V4, this.accessKey, this.secretKey)
			.endpoint(URI.create("http://127.0.0.1:" + wanted))
			.stopTimeout(0)
			.build();
		try {
			proxy.start();
			while (!"STARTED".equals(proxy.getState())) {
				Thread.sleep(5);
			}
		}
		catch (Exception ex) {
			throw new IllegalStateException("Cannot start the test S3 server on port " + wanted, ex);
		}
		this.server = proxy;
		this.port = proxy.getPort();
	}

}
