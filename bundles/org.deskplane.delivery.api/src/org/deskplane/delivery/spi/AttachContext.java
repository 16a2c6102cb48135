package org.deskplane.delivery.spi;

import java.util.function.Consumer;

import org.deskplane.delivery.api.Payload;
import org.deskplane.delivery.api.PayloadRepository;

/**
 * What a method gets for one attach: the payload, the repository holding its image and files, the job id (unique
 * per item and attempt: use it to name temporary files) and the item's log.
 */
public record AttachContext(Payload payload, PayloadRepository repository, String jobId, Consumer<String> log) {
}
