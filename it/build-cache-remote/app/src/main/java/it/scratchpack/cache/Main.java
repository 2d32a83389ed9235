package it.scratchpack.cache;

public final class Main {
    private Main() {
    }

    public static void main(String[] args) {
        System.out.println("built once, restored everywhere");
    }
}
