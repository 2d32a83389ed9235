package it.scratchpack.standin;

import org.apache.commons.lang3.StringUtils;

public final class Main {
    private Main() {
    }

    public static void main(String[] args) {
        System.out.println(StringUtils.capitalize("hello from a static executable"));
    }
}
