package io.flarekit.storage;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

import org.springframework.util.unit.DataSize;

/**
 * Free space that files may not take ({@code flarekit.storage.min-free-space}). The
 * database is on the same disk by default, and SQLite needs free space for every write, a
 * delete included: without a reserve, uploads that fill the disk would leave no way to
 * free it through the API. Checked before and after a file is written, so concurrent
 * uploads may dip into it by at most their own size.
 */
final class DiskReserve {

	private final DataSize size;

	DiskReserve(DataSize size) {
		this.size = size;
	}

	/**
	 * Fails when less than the reserve is free on the disk that holds a path.
	 * @param path a file or folder on that disk
	 * @throws Reached when the reserve is reached
	 * @throws IOException when the free space cannot be read
	 */
	void check(Path path) throws IOException {
		if (this.size.toBytes() > 0 && Files.getFileStore(path).getUsableSpace() < this.size.toBytes()) {
			throw new Reached(this.size);
		}
	}

	/** Storing the file would leave less free space than the reserve. */
	static final class Reached extends IOException {

		Reached(DataSize size) {
			super("Refused to store a file: less than " + FileInspector.describe(size)
					+ " would stay free on the disk (flarekit.storage.min-free-space)");
		}

	}

}
