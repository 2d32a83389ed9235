package io.github.scratchpack.signing;

import java.util.Base64;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The first PEM block of a text file: its label (such as {@code ENCRYPTED PRIVATE KEY}) and its decoded bytes.
 *
 * @param label the word between {@code BEGIN} and the dashes
 * @param der the base64 body, decoded
 */
record PemBlock(String label, byte[] der) {
    private static final Pattern BLOCK = Pattern.compile(
            "-----BEGIN ([A-Z0-9 ]+)-----\\s*(?:[A-Za-z-]+:[^\\n]*\\n\\s*)*([A-Za-z0-9+/=\\s]*?)-----END \\1-----");

    /**
     * Finds the first PEM block.
     *
     * @param text the file's text
     * @param file the file's name, for the message
     * @return the block
     * @throws SigningKeyException when there is no well-formed block
     */
    static PemBlock first(String text, String file) throws SigningKeyException {
        Matcher matcher = BLOCK.matcher(text);
        if (!matcher.find()) {
            throw new SigningKeyException("The signing key " + file + " holds no PEM block (-----BEGIN ...-----"
                    + " ... -----END ...-----)");
        }
        try {
            return new PemBlock(matcher.group(1), Base64.getMimeDecoder().decode(matcher.group(2)));
        } catch (IllegalArgumentException e) {
            throw new SigningKeyException("The PEM block " + matcher.group(1) + " in the signing key " + file
                    + " is not valid base64", e);
        }
    }
}
