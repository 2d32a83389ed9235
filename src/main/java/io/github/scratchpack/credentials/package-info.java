/**
 * Where a registry credential comes from: the explicit username and password, {@code settings.xml} servers, Docker's
 * and Podman's auth files with their credential helpers, the chain that asks each in order and remembers what it
 * tried, and the redaction that keeps every password it knows of out of messages.
 *
 * <p>It imports only {@code network} (the registry's address, the proxies whose passwords are redacted, and
 * {@code PushException}); the registry protocol in {@code registry} uses it, never the reverse.
 */
package io.github.scratchpack.credentials;
