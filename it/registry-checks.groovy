// Shared by the push ITs' verify scripts, which load it with
//     def checks = evaluate(new File(itSourceDirectory, 'registry-checks.groovy'))
// (basedir is the clone under target/it*/, so the path leads back to this file in the source tree). It returns:
//     checks.withRegistry(basedir) { File registryDir, String address -> ... }
//         runs the checks, then stops the registry that setup.groovy started, also when a check fails;
//     checks.assertInRegistry(address, report)
//         skopeo reads the pushed tag and finds the digest that image.json reports;
//     checks.assertNoSecrets(basedir, user, passwords, extra)
//         it/scan-secrets.groovy over build.log and target/, which must include image.json and image.tar;
//     checks.signingKeySecrets(basedir, password, keyFiles)
//         the secrets of a signing key for assertNoSecrets' extra: its password and, for each PEM key file, its
//         base64 body, each body line, and the DER bytes it encodes;
//     checks.assertSignatureVerifies(basedir, payload, signatureLayer, publicKey)
//         openssl alone verifies the cosign signature annotation of a .sig layer over the payload with the public key.
import groovy.json.JsonSlurper

def withRegistry = { File basedir, Closure checks ->
    def registryDir = new File(basedir, 'registry')
    try {
        checks(registryDir, new File(registryDir, 'address').text)
    } finally {
        def pid = new File(registryDir, 'pid')
        if (pid.exists()) {
            ['kill', pid.text.trim()].execute().waitFor()
        }
    }
}

def assertInRegistry = { String address, report ->
    def skopeo = ['skopeo', 'inspect', '--tls-verify=false', '--creds', 'ci-pusher:It-Pa55word-7f3c',
                  "docker://${address}/acme/server:1.0.0".toString()].execute()
    def inspected = new JsonSlurper().parseText(skopeo.text)
    assert skopeo.waitFor() == 0
    assert inspected.Digest == report.digest: 'the registry holds another digest than image.json'
}

def assertNoSecrets = { File basedir, String user, List<String> passwords, Map<String, String> extra = [:] ->
    def scanSecrets = evaluate(new File(itSourceDirectory, 'scan-secrets.groovy'))
    def searched = scanSecrets(basedir, user, passwords, extra)
    assert searched.containsAll(['target/scratchpack/image.json', 'target/scratchpack/image.tar'])
}

def signingKeySecrets = { File basedir, String password, List<String> keyFiles ->
    Map<String, String> secrets = ['the signing key password': password,
                                   'base64 of the signing key password': Base64.encoder.encodeToString(password.bytes)]
    keyFiles.each { name ->
        def body = new File(basedir, name).readLines().findAll { !it.startsWith('-----') }
        secrets["the base64 body of ${name}".toString()] = body.join('')
        body.eachWithIndex { line, i -> secrets["line ${i + 1} of ${name}".toString()] = line }
        // ISO-8859-1, as scan-secrets.groovy reads every file: one char per byte.
        secrets["the DER bytes of ${name}".toString()] =
                new String(Base64.decoder.decode(body.join('')), java.nio.charset.StandardCharsets.ISO_8859_1)
    }
    secrets
}

def assertSignatureVerifies = { File basedir, byte[] payload, signatureLayer, String publicKey ->
    def work = new File(basedir, 'verify-signature')
    work.mkdirs()
    new File(work, 'payload').bytes = payload
    new File(work, 'signature.der').bytes =
            Base64.decoder.decode(signatureLayer.annotations.'dev.cosignproject.cosign/signature')
    def openssl = ['openssl', 'dgst', '-sha256', '-verify', new File(basedir, publicKey).path,
                   '-signature', new File(work, 'signature.der').path, new File(work, 'payload').path].execute()
    def verified = openssl.text
    assert openssl.waitFor() == 0 && verified.contains('Verified OK'): "openssl does not verify the signature: ${verified}"
}

[withRegistry: withRegistry, assertInRegistry: assertInRegistry, assertNoSecrets: assertNoSecrets,
 signingKeySecrets: signingKeySecrets, assertSignatureVerifies: assertSignatureVerifies]
