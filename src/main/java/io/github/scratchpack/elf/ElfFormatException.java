package io.github.scratchpack.elf;

/** Thrown when a file is not a well-formed ELF executable; the message is written for the user. */
public class ElfFormatException extends Exception {
    private static final long serialVersionUID = 1L;

    public ElfFormatException(String message) {
        super(message);
    }
}
