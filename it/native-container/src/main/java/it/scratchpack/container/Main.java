package it.scratchpack.container;

public final class Main {
    private Main() {
    }

    public static void main(String[] args) {
        System.out.println("built in a builder container");
    }
}
