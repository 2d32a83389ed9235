package io.github.scratchpack.elf;

import java.util.List;
import java.util.Optional;

/**
 * What the ELF headers of an executable say about how it links and where it runs.
 *
 * @param machine the {@code e_machine} field
 * @param sixtyFourBit whether the file is ELFCLASS64
 * @param littleEndian whether the file is ELFDATA2LSB
 * @param type the {@code e_type} field (2 is an executable, 3 a shared object or PIE)
 * @param interpreter the program interpreter named by {@code PT_INTERP}, if any
 * @param neededLibraries the {@code DT_NEEDED} entries of the dynamic section, in file order
 */
public record ElfInfo(int machine, boolean sixtyFourBit, boolean littleEndian, int type,
                      Optional<String> interpreter, List<String> neededLibraries) {

    public static final int ET_EXEC = 2;
    public static final int ET_DYN = 3;

    public ElfInfo {
        neededLibraries = List.copyOf(neededLibraries);
    }

    /** Whether the executable needs a dynamic loader or shared libraries at run time. */
    public boolean isDynamicallyLinked() {
        return interpreter.isPresent() || !neededLibraries.isEmpty();
    }

    /** The OCI architecture name, or empty when the machine is not one that images are built for. */
    public Optional<String> ociArchitecture() {
        return ElfMachine.ociArchitecture(machine, sixtyFourBit, littleEndian);
    }
}
