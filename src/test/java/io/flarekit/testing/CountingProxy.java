package io.flarekit.testing;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.util.concurrent.atomic.AtomicLong;

/**
 * A TCP relay that counts the bytes a server sends back, to prove how much a request
 * fetched from it (a ranged GET, say). It listens on a free local port and forwards each
 * connection to the server's port; when the server is down, it closes the connection, as
 * a refused one would be.
 */
public final class CountingProxy implements AutoCloseable {

	private final ServerSocket listener;

	private final int target;

	private final AtomicLong received = new AtomicLong();

	/**
	 * Starts relaying to a local port.
	 * @param target the server's port
	 */
	public CountingProxy(int target) {
		this.target = target;
		try {
			this.listener = new ServerSocket(0, 50, InetAddress.getLoopbackAddress());
		}
		catch (IOException ex) {
			throw new UncheckedIOException(ex);
		}
		daemon(this::accept);
	}

	public int port() {
		return this.listener.getLocalPort();
	}

	/** The bytes the server sent since the last call, and starts counting again. */
	public long takeReceived() {
		return this.received.getAndSet(0);
	}

	private void accept() {
		while (!this.listener.isClosed()) {
			try {
				Socket client = this.listener.accept();
				daemon(() -> relay(client));
			}
			catch (IOException ex) {
				// closed
			}
		}
	}

	private void relay(Socket client) {
		try (client; Socket server = new Socket(InetAddress.getLoopbackAddress(), this.target)) {
			Thread up = daemon(() -> pipe(client, server, new AtomicLong()));
			pipe(server, client, this.received);
			up.join();
		}
		catch (IOException | InterruptedException ex) {
			// the server is down, or a side closed: the client sees the connection close
		}
	}

	private static Thread daemon(Runnable work) {
		Thread thread = new Thread(work, "counting-proxy");
		thread.setDaemon(true);
		thread.start();
		return thread;
	}

	private static void pipe(Socket from, Socket to, AtomicLong counter) {
		try {
			InputStream in = from.getInputStream();
			OutputStream out = to.getOutputStream();
			byte[] buffer = new byte[8192];
			for (int read = in.read(buffer); read >= 0; read = in.read(buffer)) {
				counter.addAndGet(read);
				out.write(buffer, 0, read);
				out.flush();
			}
			to.shutdownOutput();
		}
		catch (IOException ex) {
			try {
				from.close();
				to.close();
			}
			catch (IOException closing) {
				// closed already
			}
		}
	}

	@Override
	public void close() throws IOException {
		this.listener.close();
	}

}
