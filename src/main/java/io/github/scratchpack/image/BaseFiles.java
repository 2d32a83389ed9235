package io.github.scratchpack.image;

import java.nio.charset.StandardCharsets;
import java.util.List;

/** The files that every image gets: accounts, name resolution, a home for nonroot and a writable /tmp. */
public final class BaseFiles {
    /** Paths the base layer owns, which user files may not replace. */
    public static final List<String> RESERVED_PATHS = List.of("/etc/passwd", "/etc/group", "/etc/nsswitch.conf");

    private BaseFiles() {
    }

    /** The base layer: {@code /etc/passwd}, {@code /etc/group}, {@code /etc/nsswitch.conf}, {@code /home/nonroot}, {@code /tmp}. */
    public static LayerContents layer() {
        return LayerContents.of("base files: /etc/passwd, /etc/group, /etc/nsswitch.conf, /home/nonroot, /tmp", List.of(
                LayerFile.file("/etc/passwd", 0644, UserAccounts.passwd()),
                LayerFile.file("/etc/group", 0644, UserAccounts.group()),
                LayerFile.file("/etc/nsswitch.conf", 0644, "hosts: files dns\n".getBytes(StandardCharsets.US_ASCII)),
                LayerFile.directory("/home", 0755),
                LayerFile.directory("/home/nonroot", 0700, UserAccounts.NONROOT_ID, UserAccounts.NONROOT_ID),
                LayerFile.directory("/tmp", 01777)));
    }
}
