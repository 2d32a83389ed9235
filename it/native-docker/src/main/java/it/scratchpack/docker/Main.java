package it.scratchpack.docker;

public final class Main {
    private Main() {
    }

    public static void main(String[] args) {
        System.out.println("built and loaded with docker");
    }
}
