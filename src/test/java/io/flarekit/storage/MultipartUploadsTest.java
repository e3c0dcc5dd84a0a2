package io.flarekit.storage;

import java.io.ByteArrayInputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.util.HexFormat;
import java.util.List;
import java.util.stream.Stream;

import io.flarekit.core.error.ErrorCode;
import io.flarekit.core.error.ServiceException;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import org.springframework.http.HttpStatus;
import org.springframework.util.unit.DataSize;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

/**
 * Parts on a real folder: they are copied the way blobs are staged, so a part is hashed
 * as it arrives and an oversized one is not read further than needed to know it.
 */
class MultipartUploadsTest {

	private static final DataSize MAX_PART = DataSize.ofKilobytes(64);

	@TempDir
	Path folder;

	@Test
	void aPartIsStoredUnderTheSha256OfItsBytes() throws Exception {
		MultipartUploads uploads = uploads();
		String uploadId = uploads.start("big.zip").uploadId();
		byte[] content = new byte[(int) MAX_PART.toBytes()];
		UploadParts.Part part = uploads.putPart(uploadId, 1, new ByteArrayInputStream(content));
		assertThat(part.etag())
			.isEqualTo(HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(content)));
		assertThat(part.size()).isEqualTo(content.length);
		assertThat(uploads.describe(uploadId).parts()).containsExactly(part);
	}

	@Test
	void anOversizedPartIsReadOneBytePastTheLimitAndLeavesNoFile() throws Exception {
		MultipartUploads uploads = uploads();
		String uploadId = uploads.start("big.zip").uploadId();
		FilesystemBlobStoreTest.Generated endless = new FilesystemBlobStoreTest.Generated(Long.MAX_VALUE);
		ServiceException failure = catchThrowableOfType(ServiceException.class,
				() -> uploads.putPart(uploadId, 1, endless));
		assertThat(failure.getStatus()).isEqualTo(HttpStatus.CONTENT_TOO_LARGE);
		assertThat(failure.getCode()).isEqualTo(ErrorCode.PAYLOAD_TOO_LARGE);
		assertThat(failure.getMessage()).isEqualTo("A part may have at most 64 KB");
		assertThat(endless.position()).isEqualTo(MAX_PART.toBytes() + 1);
		assertThat(files(this.folder.resolve("uploads").resolve(uploadId))).containsExactly("name");
	}

	private MultipartUploads uploads() {
		return StorageTestProperties.uploads(StorageTestProperties.in(this.folder, DataSize.ofBytes(1), MAX_PART));
	}

	private static List<String> files(Path folder) throws Exception {
		try (Stream<Path> files = Files.list(folder)) {
			return files.map((file) -> file.getFileName().toString()).toList();
		}
	}

}
