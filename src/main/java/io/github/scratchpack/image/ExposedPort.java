package io.github.scratchpack.image;

import java.util.Locale;

/** Parses a port setting such as {@code 8080} or {@code 53/udp} into the {@code 8080/tcp} form of image configs. */
public final class ExposedPort {
    private ExposedPort() {
    }

    /**
     * @param port a port number from 1 to 65535, optionally followed by {@code /tcp}, {@code /udp} or {@code /sctp}
     * @return the port in {@code number/protocol} form
     * @throws IllegalArgumentException with a message for the user when the port is not valid
     */
    public static String parse(String port) {
        String text = port == null ? "" : port.trim().toLowerCase(Locale.ROOT);
        String protocol = "tcp";
        int slash = text.indexOf('/');
        if (slash >= 0) {
            protocol = text.substring(slash + 1);
            text = text.substring(0, slash);
            if (!protocol.equals("tcp") && !protocol.equals("udp") && !protocol.equals("sctp")) {
                throw new IllegalArgumentException("The port '" + port + "' has the protocol '" + protocol
                        + "'; use tcp, udp or sctp, as in <port>53/udp</port>.");
            }
        }
        int number;
        try {
            number = Integer.parseInt(text);
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException("The port '" + port + "' is not a number. Write it as <port>8080</port>"
                    + " or <port>53/udp</port>.", e);
        }
        if (number < 1 || number > 65535) {
            throw new IllegalArgumentException("The port '" + port + "' is out of range; ports are 1 to 65535. Write it as <port>8080</port>.");
        }
        return number + "/" + protocol;
    }
}
