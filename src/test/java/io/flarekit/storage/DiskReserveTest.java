package io.flarekit.storage;

import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;

import io.flarekit.core.error.ErrorCode;
import io.flarekit.core.error.ServiceException;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import org.springframework.http.HttpStatus;
import org.springframework.util.unit.DataSize;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

/**
 * {@code flarekit.storage.min-free-space} on a real disk: a reserve larger than the free
 * space refuses every file with a 507 and leaves nothing behind; one that fits changes
 * nothing. (That a file is refused when writing it reaches the reserve is shown on a
 * small, full file system by DiskFullIT.)
 */
class DiskReserveTest {

	/** More than any disk has free. */
	private static final DataSize UNREACHABLE = DataSize.ofBytes(Long.MAX_VALUE / 2);

	@TempDir
	Path folder;

	@Test
	void theBlobStoreRefusesToStageWhenTheReserveIsReachedAndLeavesNothing() throws Exception {
		Path root = this.folder.resolve("blobs");
		FilesystemBlobStore store = new FilesystemBlobStore(root, new DiskReserve(UNREACHABLE));
		assertThatThrownBy(() -> store.stage(bytes("abc"), 10)).isInstanceOf(DiskReserve.Reached.class)
			.hasMessageContaining("flarekit.storage.min-free-space");
		assertThat(files(root.resolve(".staging"))).isEmpty();
	}

	@Test
	void aReserveThatIsFreeChangesNothing() throws Exception {
		FilesystemBlobStore store = new FilesystemBlobStore(this.folder.resolve("blobs"),
				new DiskReserve(DataSize.ofBytes(1)));
		BlobStore.StagedBlob staged = store.stage(bytes("abc"), 10);
		store.commit(staged);
		assertThat(store.open(staged.hash())).isPresent();
	}

	@Test
	void aReachedReserveIsAnswered507() {
		ServiceException failure = StorageFailures.of(new DiskReserve.Reached(DataSize.ofMegabytes(64)));
		assertThat(failure.getStatus()).isEqualTo(HttpStatus.INSUFFICIENT_STORAGE);
		assertThat(failure.getCode()).isEqualTo(ErrorCode.INSUFFICIENT_STORAGE);
	}

	@Test
	void anUploadIsNotStartedWhenTheReserveIsReachedAndLeavesNoFolder() throws Exception {
		MultipartUploads uploads = StorageTestProperties.uploads(properties(UNREACHABLE));
		ServiceException failure = catchThrowableOfType(ServiceException.class, () -> uploads.start("big.zip"));
		assertThat(failure.getStatus()).isEqualTo(HttpStatus.INSUFFICIENT_STORAGE);
		assertThat(files(this.folder.resolve("uploads"))).isEmpty();
	}

	@Test
	void aPartIsRefusedWhenTheReserveIsReachedAndLeavesNoFile() throws Exception {
		String uploadId = StorageTestProperties.uploads(properties(DataSize.ofBytes(0))).start("big.zip").uploadId();
		MultipartUploads full = StorageTestProperties.uploads(properties(UNREACHABLE));
		ServiceException failure = catchThrowableOfType(ServiceException.class,
				() -> full.putPart(uploadId, 1, bytes("part one")));
		assertThat(failure.getStatus()).isEqualTo(HttpStatus.INSUFFICIENT_STORAGE);
		assertThat(files(this.folder.resolve("uploads").resolve(uploadId))).containsExactly("name");
	}

	private StorageProperties properties(DataSize minFreeSpace) {
		return StorageTestProperties.in(this.folder, minFreeSpace, DataSize.ofMegabytes(64));
	}

	private static ByteArrayInputStream bytes(String text) {
		return new ByteArrayInputStream(text.getBytes(StandardCharsets.UTF_8));
	}

	private static List<String> files(Path folder) throws Exception {
		try (Stream<Path> files = Files.list(folder)) {
			return files.map((file) -> file.getFileName().toString()).toList();
		}
	}

}
