package org.example.ledger;

import org.apache.commons.lang3.StringUtils;

public final class LedgerApp {
    private LedgerApp() {
    }

    public static void main(String[] args) {
        System.out.println(StringUtils.rightPad("ledger", 10, '.') + " ready");
    }
}
