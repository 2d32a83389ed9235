import groovy.json.JsonSlurper
import java.nio.charset.StandardCharsets

def checks = evaluate(new File(itSourceDirectory, 'registry-checks.groovy'))
checks.withRegistry(basedir) { registryDir, address ->
    def log = new File(basedir, 'build.log').text
    def digests = (log =~ /Digest   (sha256:[0-9a-f]{64})/).collect { it[1] }.unique()
    assert digests.size() == 2: 'expected two pushes'
    def (signed, unsigned) = digests
    assert signed != unsigned
    def repository = "${address}/acme/ledger".toString()
    def login = Base64.encoder.encodeToString('ci-pusher:It-Pa55word-7f3c'.bytes)
    def get = { String path, String accept ->
        def connection = new URL("http://${address}/v2/acme/ledger/${path}").openConnection()
        connection.setRequestProperty('Authorization', "Basic ${login}")
        connection.setRequestProperty('Accept', accept)
        connection.responseCode == 404 ? null : connection.inputStream.bytes
    }
    def skopeoRaw = { String tag ->
        def process = ['skopeo', 'inspect', '--raw', '--tls-verify=false', '--creds', 'ci-pusher:It-Pa55word-7f3c',
                       "docker://${repository}:${tag}".toString()].execute()
        def text = process.text
        assert process.waitFor() == 0: "skopeo cannot read ${tag}"
        new JsonSlurper().parseText(text)
    }
    def tagOf = { String digest -> 'sha256-' + digest.substring(7) }

    // The SBOM is a referrer of the signed digest, found through the referrers tag schema (this registry has no
    // referrers API).
    def index = skopeoRaw(tagOf(signed))
    assert index.mediaType == 'application/vnd.oci.image.index.v1+json'
    def entries = index.manifests.findAll { it.artifactType == 'application/vnd.cyclonedx+json' }
    assert entries.size() == 1: index
    def referrer = new JsonSlurper().parse(get("manifests/${entries[0].digest}", 'application/vnd.oci.image.manifest.v1+json'))
    assert referrer.subject.digest == signed
    assert referrer.artifactType == 'application/vnd.cyclonedx+json'
    def sbom = get("blobs/${referrer.layers[0].digest}", '*/*')
    // The image goal's SBOM of the signed image: valid CycloneDX 1.6, about that digest, naming the project's runtime
    // dependency by package URL with the SHA-256 of the very jar in the local repository.
    assert new org.cyclonedx.parsers.JsonParser().validate(sbom, org.cyclonedx.Version.VERSION_16).isEmpty()
    def bom = new JsonSlurper().parse(sbom)
    assert groovy.json.JsonOutput.toJson(bom.metadata.component).contains(signed.substring(7)): bom.metadata.component
    def lang3 = bom.components.find { it['bom-ref'] == 'pkg:maven/org.apache.commons/commons-lang3@3.17.0' }
    assert lang3 != null: bom.components*.'bom-ref'
    def jar = new File(basedir, '../../local-repo/org/apache/commons/commons-lang3/3.17.0/commons-lang3-3.17.0.jar').canonicalFile
    assert lang3.hashes[0].content == java.security.MessageDigest.getInstance('SHA-256').digest(jar.bytes).encodeHex().toString()

    // One cosign signature covers 2.3.1 and latest: its payload names the digest and the repository, and openssl
    // verifies it with the public key.
    def signature = skopeoRaw(tagOf(signed) + '.sig')
    assert signature.layers.size() == 1
    def layer = signature.layers[0]
    assert layer.mediaType == 'application/vnd.dev.cosign.simplesigning.v1+json'
    def payload = get("blobs/${layer.digest}", '*/*')
    def claims = new JsonSlurper().parse(payload)
    assert claims.critical.type == 'cosign container image signature'
    assert claims.critical.image.'docker-manifest-digest' == signed
    assert claims.critical.identity.'docker-reference' == repository
    checks.assertSignatureVerifies(basedir, payload, layer, 'signing-key.pub.pem')
    assert skopeoRaw('2.3.1') != null && skopeoRaw('latest') != null
    ['2.3.1', 'latest'].each { tag ->
        def inspect = ['skopeo', 'inspect', '--tls-verify=false', '--creds', 'ci-pusher:It-Pa55word-7f3c',
                       "docker://${repository}:${tag}".toString()].execute()
        assert new JsonSlurper().parseText(inspect.text).Digest == signed
    }

    // The image pushed without a key to the tag unsigned has no signature.
    def tags = new JsonSlurper().parse(get('tags/list', 'application/json')).tags as Set
    assert tags.contains('unsigned')
    assert !tags.contains(tagOf(unsigned) + '.sig'): 'the image pushed without a key has a signature'
    assert tags.findAll { it.endsWith('.sig') } == [tagOf(signed) + '.sig'] as Set
    assert log.contains('attached signature of ' + signed)

    // Both pushes ran with -X: no trace of the registry password, the settings master password, the signing key's
    // password or the key's bytes in build.log or under target/.
    checks.assertNoSecrets(basedir, 'ci-pusher', ['It-Pa55word-7f3c'], ['the settings master password': 'it-master-Pa55']
            + checks.signingKeySecrets(basedir, 'It-Sign-Pa55word-41c7', ['plain-key.pem', 'signing-key.pem']))
}
true
