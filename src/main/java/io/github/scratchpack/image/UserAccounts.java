package io.github.scratchpack.image;

import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.regex.Pattern;

/** The accounts written to the image's {@code /etc/passwd} and {@code /etc/group}, and resolving a user setting. */
public final class UserAccounts {
    /** The uid and gid of the {@code nonroot} account, as in distroless images. */
    public static final int NONROOT_ID = 65532;
    /** The user the container runs as unless told otherwise. */
    public static final String DEFAULT_USER = NONROOT_ID + ":" + NONROOT_ID;

    private static final List<Account> ACCOUNTS = List.of(
            new Account("root", 0, 0, "/root"),
            new Account("nobody", 65534, 65534, "/nonexistent"),
            new Account("nonroot", NONROOT_ID, NONROOT_ID, "/home/nonroot"));
    private static final Pattern NUMERIC = Pattern.compile("[0-9]{1,10}(:[0-9]{1,10})?");

    private UserAccounts() {
    }

    /** The content of {@code /etc/passwd}. */
    public static byte[] passwd() {
        StringBuilder text = new StringBuilder();
        for (Account account : ACCOUNTS) {
            text.append(account.name).append(":x:").append(account.uid).append(':').append(account.gid).append(':')
                    .append(account.name).append(':').append(account.home).append(":/sbin/nologin\n");
        }
        return text.toString().getBytes(StandardCharsets.US_ASCII);
    }

    /** The content of {@code /etc/group}. */
    public static byte[] group() {
        StringBuilder text = new StringBuilder();
        for (Account account : ACCOUNTS) {
            text.append(account.name).append(":x:").append(account.gid).append(":\n");
        }
        return text.toString().getBytes(StandardCharsets.US_ASCII);
    }

    /**
     * Resolves the user setting to the numeric {@code uid:gid} form, which Kubernetes can check against
     * {@code runAsNonRoot} without reading the image's passwd file.
     *
     * @param user a name from the generated passwd ({@code root}, {@code nobody}, {@code nonroot}), a uid, or uid:gid
     * @return the numeric user
     * @throws IllegalArgumentException with a message for the user for a name that the image does not have
     */
    public static String resolve(String user) {
        String trimmed = user == null ? "" : user.trim();
        if (NUMERIC.matcher(trimmed).matches()) {
            for (String part : trimmed.split(":")) {
                if (Long.parseLong(part) > 0xFFFF_FFFEL) {
                    throw new IllegalArgumentException("The user '" + user + "' has an id above 4294967294.");
                }
            }
            return trimmed;
        }
        for (Account account : ACCOUNTS) {
            if (account.name.equals(trimmed)) {
                return account.uid + ":" + account.gid;
            }
        }
        throw new IllegalArgumentException("The user '" + user + "' is not in the image's /etc/passwd, which has only"
                + " root, nobody and nonroot. Set scratchpack user to one of those names, or to a numeric uid[:gid].");
    }

    private record Account(String name, int uid, int gid, String home) {
    }
}
