package io.github.scratchpack.credentials;

/**
 * A user name and password (or token) for a registry. {@link #toString()} never shows the password.
 *
 * @param username the user name
 * @param password the password or token
 */
public record RegistryCredential(String username, String password) {

    @Override
    public String toString() {
        return "RegistryCredential[username=" + username + ", password=****]";
    }
}
