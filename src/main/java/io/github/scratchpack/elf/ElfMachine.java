package io.github.scratchpack.elf;

import java.util.Optional;

/** Maps the ELF {@code e_machine} field onto OCI architecture names. */
public final class ElfMachine {
    static final int EM_386 = 3;
    static final int EM_ARM = 40;
    static final int EM_PPC64 = 21;
    static final int EM_S390 = 22;
    static final int EM_X86_64 = 62;
    static final int EM_AARCH64 = 183;
    static final int EM_RISCV = 243;

    private ElfMachine() {
    }

    /**
     * The OCI {@code architecture} value for a machine, as Go's GOARCH spells it.
     *
     * @param machine the {@code e_machine} field
     * @param sixtyFourBit whether the file is ELFCLASS64
     * @param littleEndian whether the file is little-endian
     * @return the architecture, or empty for machines that have no OCI name here
     */
    public static Optional<String> ociArchitecture(int machine, boolean sixtyFourBit, boolean littleEndian) {
        String arch = switch (machine) {
            case EM_X86_64 -> sixtyFourBit ? "amd64" : null;
            case EM_AARCH64 -> sixtyFourBit ? "arm64" : null;
            case EM_386 -> sixtyFourBit ? null : "386";
            case EM_ARM -> sixtyFourBit ? null : "arm";
            case EM_RISCV -> sixtyFourBit ? "riscv64" : null;
            case EM_PPC64 -> sixtyFourBit && littleEndian ? "ppc64le" : null;
            case EM_S390 -> sixtyFourBit ? "s390x" : null;
            default -> null;
        };
        return Optional.ofNullable(arch);
    }

    /** A readable name for a machine number, for error messages. */
    public static String describe(int machine) {
        return switch (machine) {
            case EM_X86_64 -> "x86-64";
            case EM_AARCH64 -> "AArch64";
            case EM_386 -> "i386";
            case EM_ARM -> "ARM";
            case EM_RISCV -> "RISC-V";
            case EM_PPC64 -> "PowerPC64";
            case EM_S390 -> "S/390";
            default -> "machine " + machine;
        };
    }
}
