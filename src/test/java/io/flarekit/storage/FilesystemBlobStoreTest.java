package io.flarekit.storage;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.security.MessageDigest;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Random;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.stream.Collectors;
import java.util.stream.Stream;

import io.flarekit.storage.BlobStore.BlobTooLargeException;
import io.flarekit.storage.BlobStore.StagedBlob;
import io.flarekit.storage.BlobStore.StoredBlob;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import org.springframework.core.io.Resource;
import org.springframework.util.unit.DataSize;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatCode;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * The file-system blob store on real files: the contract, plus what is its own (its
 * folders, foreign files among the blobs, a crash's leftovers by their age).
 */
class FilesystemBlobStoreTest extends BlobStoreContract {

	@TempDir
	Path folder;

	Path root;

	@Override
	protected BlobStore newStore() {
		this.root = this.folder.resolve("blobs");
		return open(this.root);
	}

	@Override
	protected BlobStore otherStore() {
		return open(this.folder.resolve("other"));
	}

	@Override
	protected List<String> stagingFiles() {
		try (Stream<Path> files = Files.list(this.root.resolve(".staging"))) {
			return files.map(Path::toString).toList();
		}
		catch (IOException ex) {
			throw new UncheckedIOException(ex);
		}
	}

	@Override
	protected List<String> blobFiles() {
		try (Stream<Path> files = Files.walk(this.root)) {
			return files.filter(Files::isRegularFile)
				.filter((path) -> !path.startsWith(this.root.resolve(".staging")))
				.map((path) -> this.root.relativize(path).toString())
				.toList();
		}
		catch (IOException ex) {
			throw new UncheckedIOException(ex);
		}
	}

	@Test
	void createsItsFoldersOnConstruction() {
		assertThat(this.root.resolve(".staging")).isDirectory();
		assertThat(stagingFiles()).isEmpty();
	}

	@Test
	void forEachListsExactlyTheCommittedBlobs() throws Exception {
		Instant before = Instant.now().minusSeconds(5);
		Map<String, Long> committed = new HashMap<>();
		for (String text : List.of("one", "two", "three", "four, a bit longer")) {
			StagedBlob staged = stage(text);
			this.store.commit(staged);
			committed.put(staged.hash(), staged.size());
		}
		stage("staged, not committed");
		Files.writeString(this.root.resolve("README"), "not a blob");
		Path firstFolder = this.root.resolve(ABC.substring(0, 2)).resolve(ABC.substring(2, 4));
		Files.createDirectories(firstFolder);
		Files.writeString(firstFolder.resolve("notes.txt"), "not a blob");
		Files.writeString(firstFolder.resolve(EMPTY), "a hash in the wrong folder");

		List<StoredBlob> listed = new ArrayList<>();
		this.store.forEach(listed::add);

		assertThat(listed).hasSize(committed.size());
		assertThat(listed.stream().collect(Collectors.toMap(StoredBlob::hash, StoredBlob::size))).isEqualTo(committed);
		assertThat(listed)
			.allSatisfy((blob) -> assertThat(blob.storedAt()).isAfter(before).isBefore(Instant.now().plusSeconds(5)));
	}

	@Test
	void sweepRemovesOnlyOldStagedBlobs() throws Exception {
		StagedBlob old = stage("left by a crash");
		Path oldFile = Path.of(stagingFiles().get(0));
		Files.setLastModifiedTime(oldFile, FileTime.from(Instant.now().minus(Duration.ofHours(2))));
		StagedBlob fresh = stage("still being uploaded");

		assertThat(this.store.sweepStaging(Duration.ofHours(1))).isEqualTo(1);

		assertThat(stagingFiles()).hasSize(1).doesNotContain(oldFile.toString());
		this.store.commit(fresh);
		assertThat(read(fresh.hash())).isEqualTo("still being uploaded");
		assertThatThrownBy(() -> this.store.commit(old)).as("swept").isInstanceOf(IOException.class);
		assertThat(this.store.open(old.hash())).isEmpty();
		assertThat(this.store.sweepStaging(Duration.ofHours(1))).isZero();
	}

	@Test
	void aNewStoreOnTheSameFolderSeesTheBlobs() throws Exception {
		this.store.commit(stage("abc"));
		FilesystemBlobStore reopened = open(this.root);
		Optional<Resource> resource = reopened.open(ABC);
		assertThat(resource).isPresent();
	}

	@Test
	void aFolderThatCannotBeCreatedFailsNamingIt() throws Exception {
		Path file = Files.writeString(this.folder.resolve("a-file"), "not a folder");
		Path root = file.resolve("blobs");
		assertThatThrownBy(() -> open(root)).isInstanceOf(UncheckedIOException.class)
			.hasMessageContaining(root.toString());
	}

	/**
	 * A store as the application makes it, with a reserve that any disk here has free.
	 */
	private static FilesystemBlobStore open(Path root) {
		return new FilesystemBlobStore(root, new DiskReserve(DataSize.ofBytes(1)));
	}

}
