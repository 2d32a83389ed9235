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
    private static final Pattern NUMBER = Pattern.compile("[0-9]{1,10}");
    private static final long MAX_ID = 0xFFFF_FFFEL;
    private static final String ADVICE = "Set user (scratchpack.user) to a name from the image (" + names() + "), a"
            + " numeric uid, or either followed by :group or :gid, such as nonroot, 65532 or nonroot:65532.";

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
     * @param user a name from the generated passwd ({@code root}, {@code nobody}, {@code nonroot}) or a uid,
     *     optionally followed by {@code :} and a group name from the generated group file or a gid
     * @return the numeric user: {@code uid:gid}, or just {@code uid} when a bare uid was given
     * @throws IllegalArgumentException with a message for the user for a name that the image does not have
     */
    public static String resolve(String user) {
        String trimmed = user == null ? "" : user.trim();
        if (trimmed.isEmpty()) {
            throw new IllegalArgumentException("The user is empty. " + ADVICE);
        }
        int colon = trimmed.indexOf(':');
        String userPart = colon < 0 ? trimmed : trimmed.substring(0, colon);
        Account account = find(userPart);
        String uid;
        if (NUMBER.matcher(userPart).matches()) {
            uid = id(userPart, user);
        } else if (account != null) {
            uid = Integer.toString(account.uid);
        } else {
            throw new IllegalArgumentException("The user '" + userPart + "' is not in the image's /etc/passwd, which"
                    + " has only " + names() + ". " + ADVICE);
        }
        if (colon < 0) {
            return account == null ? uid : uid + ":" + account.gid;
        }
        String groupPart = trimmed.substring(colon + 1);
        Account group = find(groupPart);
        if (NUMBER.matcher(groupPart).matches()) {
            return uid + ":" + id(groupPart, user);
        }
        if (group == null) {
            throw new IllegalArgumentException("The group '" + groupPart + "' of the user '" + user + "' is not in the"
                    + " image's /etc/group, which has only " + names() + ". " + ADVICE);
        }
        return uid + ":" + group.gid;
    }

    private static Account find(String name) {
        for (Account account : ACCOUNTS) {
            if (account.name.equals(name)) {
                return account;
            }
        }
        return null;
    }

    private static String id(String digits, String user) {
        long id = Long.parseLong(digits);
        if (id > MAX_ID) {
            throw new IllegalArgumentException("The user '" + user + "' has an id above " + MAX_ID + ". " + ADVICE);
        }
        return Long.toString(id);
    }

    private static String names() {
        List<String> names = ACCOUNTS.stream().map(Account::name).toList();
        return String.join(", ", names.subList(0, names.size() - 1)) + " and " + names.get(names.size() - 1);
    }

    private record Account(String name, int uid, int gid, String home) {
    }
}
