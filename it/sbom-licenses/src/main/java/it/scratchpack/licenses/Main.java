package it.scratchpack.licenses;

public final class Main {
    private Main() {
    }

    public static void main(String[] args) {
        System.out.println("licensed");
    }
}
