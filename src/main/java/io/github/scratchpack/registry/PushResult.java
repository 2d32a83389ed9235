package io.github.scratchpack.registry;

import java.util.List;

/**
 * What a push did.
 *
 * @param digest the image digest the registry holds
 * @param references the references that now point at it
 * @param uploadedBlobs how many blobs were uploaded
 * @param existingBlobs how many blobs the registry already held
 * @param mountedBlobs how many blobs the registry copied from another repository
 * @param uploadedBytes the blob bytes sent, counting any sent again after a failure
 */
public record PushResult(String digest, List<String> references, int uploadedBlobs, int existingBlobs, int mountedBlobs,
                         long uploadedBytes) {
    public PushResult {
        references = List.copyOf(references);
    }
}
