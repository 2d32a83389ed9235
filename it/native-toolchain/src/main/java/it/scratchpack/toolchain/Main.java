package it.scratchpack.toolchain;

public final class Main {
    private Main() {
    }

    public static void main(String[] args) {
        System.out.println("Hello from the GraalVM the toolchain chose");
    }
}
