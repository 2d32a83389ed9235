/**
 * The registry protocol, through jib-core: pushing an image's blobs, manifest and tags, mounting blobs from another
 * repository, attaching signatures and SBOMs as referrers, reading back what the registry holds, retrying what a
 * registry or the network lost, and explaining a failed push in one message.
 *
 * <p>{@code RegistryPush} is the entry point. It asks {@code network} how to connect and {@code credentials} who to
 * be; neither of those packages imports this one.
 */
package io.github.scratchpack.registry;
