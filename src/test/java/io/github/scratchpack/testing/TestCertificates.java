package io.github.scratchpack.testing;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Collectors;

/**
 * A throw-away test CA and a server certificate it signed for {@code 127.0.0.1} and {@code localhost}, made with
 * openssl in a directory.
 *
 * @param caCertificate the CA's PEM certificate
 * @param serverCertificate the server's PEM certificate
 * @param serverKey the server's PEM key
 */
public record TestCertificates(Path caCertificate, Path serverCertificate, Path serverKey) {

    /** Makes the CA and the server certificate. */
    public static TestCertificates create(Path directory) throws IOException, InterruptedException {
        return create(directory, List.of());
    }

    /**
     * Makes the CA and a server certificate that is also valid for more host names, such as a name that only a test
     * proxy resolves.
     */
    public static TestCertificates create(Path directory, List<String> moreHostNames)
            throws IOException, InterruptedException {
        String openssl = ExternalTool.require("openssl").toString();
        Files.createDirectories(directory);
        Path caKey = directory.resolve("ca.key");
        Path ca = directory.resolve("ca.crt");
        Path key = directory.resolve("server.key");
        Path request = directory.resolve("server.csr");
        Path certificate = directory.resolve("server.crt");
        Path extensions = Files.writeString(directory.resolve("server.ext"),
                "subjectAltName=IP:127.0.0.1,DNS:localhost" + moreHostNames.stream().map(name -> ",DNS:" + name)
                        .collect(Collectors.joining()) + "\nbasicConstraints=CA:FALSE\n");
        ExternalTool.check(List.of(openssl, "req", "-x509", "-newkey", "rsa:2048", "-nodes", "-keyout", caKey.toString(),
                "-out", ca.toString(), "-days", "2", "-subj", "/CN=scratchpack test CA"));
        ExternalTool.check(List.of(openssl, "req", "-newkey", "rsa:2048", "-nodes", "-keyout", key.toString(),
                "-out", request.toString(), "-subj", "/CN=127.0.0.1"));
        ExternalTool.check(List.of(openssl, "x509", "-req", "-in", request.toString(), "-CA", ca.toString(),
                "-CAkey", caKey.toString(), "-CAcreateserial", "-out", certificate.toString(), "-days", "2",
                "-extfile", extensions.toString()));
        return new TestCertificates(ca, certificate, key);
    }
}
