package io.flarekit.storage;

import java.io.IOException;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.attribute.BasicFileAttributes;
import java.util.Objects;
import java.util.function.Consumer;

/**
 * Where the filesystem blob store keeps each blob, and the only way from a hash to a
 * path: {@code root/ab/cd/abcd…}, two levels of 256 folders that keep each folder small.
 * Every hash is checked to be 64 lower-case hex digits before it becomes a path, so no
 * argument can point outside the root.
 */
final class BlobLayout {

	private final Path root;

	/**
	 * The layout under a folder.
	 * @param root the folder, absolute and normalized
	 */
	BlobLayout(Path root) {
		this.root = root;
	}

	/**
	 * Where a blob lives.
	 * @param hash its SHA-256, lower-case hex
	 * @return the file, which may not exist
	 * @throws IllegalArgumentException when the hash is not 64 lower-case hex digits
	 */
	Path path(String hash) {
		return this.root.resolve(BlobKeys.of(hash));
	}

	/**
	 * Calls back with every blob in its place; anything else in the folders (staged
	 * files, a hash in the wrong folder, other files) is passed over, and what is removed
	 * meanwhile is not listed.
	 * @param action called with each blob
	 * @throws IOException when the root cannot be listed
	 */
	void forEach(Consumer<BlobStore.StoredBlob> action) throws IOException {
		Objects.requireNonNull(action, "action");
		try (DirectoryStream<Path> firsts = Files.newDirectoryStream(this.root, BlobLayout::isPrefixFolder)) {
			for (Path first : firsts) {
				try (DirectoryStream<Path> seconds = Files.newDirectoryStream(first, BlobLayout::isPrefixFolder)) {
					for (Path second : seconds) {
						forEachIn(second, first.getFileName() + "" + second.getFileName(), action);
					}
				}
				catch (NoSuchFileException ex) {
					// Removed from outside meanwhile: nothing to list
				}
			}
		}
	}

	private void forEachIn(Path folder, String prefix, Consumer<BlobStore.StoredBlob> action) throws IOException {
		try (DirectoryStream<Path> files = Files.newDirectoryStream(folder)) {
			for (Path file : files) {
				String name = file.getFileName().toString();
				if (!BlobKeys.isHash(name) || !name.startsWith(prefix)) {
					continue;
				}
				BasicFileAttributes attributes;
				try {
					attributes = Files.readAttributes(file, BasicFileAttributes.class);
				}
				catch (NoSuchFileException ex) {
					continue; // deleted meanwhile
				}
				if (attributes.isRegularFile()) {
					action.accept(new BlobStore.StoredBlob(name, attributes.size(),
							attributes.lastModifiedTime().toInstant()));
				}
			}
		}
		catch (NoSuchFileException ex) {
			// Removed from outside meanwhile: nothing to list
		}
	}

	private static boolean isPrefixFolder(Path path) {
		String name = path.getFileName().toString();
		return BlobKeys.isHex(name, 2) && Files.isDirectory(path);
	}

}
