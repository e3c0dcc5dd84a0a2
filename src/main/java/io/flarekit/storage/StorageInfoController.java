package io.flarekit.storage;

import io.flarekit.core.service.CrudServices;
import io.flarekit.core.web.ResourceController;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;

/**
 * {@code /storage-info}: every generic endpoint; {@code filter={"storageId": …}} lists
 * the descriptions of one file and {@code embed=["storage"]} nests the file's record.
 */
@RestController
@RequestMapping("/storage-info")
class StorageInfoController extends ResourceController<StorageInfo> {

	StorageInfoController(CrudServices services) {
		super(services.forEntity(StorageInfo.class));
	}

}
