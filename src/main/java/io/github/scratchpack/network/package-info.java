/**
 * How a connection to a registry is made, before anything is pushed: the registry's address, the proxy for it
 * ({@code settings.xml}, system properties, environment variables, non-proxy hosts) and the {@code CONNECT} tunnel
 * through it, the certificates HTTPS trusts, the transport policy (plain HTTP only to this machine unless allowed),
 * the connection check that finds out what the registry's port speaks, and jib's HTTP client built from all of them.
 *
 * <p>It imports nothing from scratchpack: {@code credentials} and {@code registry} build on it, never the reverse.
 */
package io.github.scratchpack.network;
