import groovy.json.JsonSlurper

def checks = evaluate(new File(itSourceDirectory, 'registry-checks.groovy'))
checks.withRegistry(basedir) { registryDir, address ->
    def log = new File(basedir, 'build.log').text
    def login = Base64.encoder.encodeToString('ci-pusher:It-Pa55word-7f3c'.bytes)
    def status = { String path ->
        def connection = new URL("http://${address}/v2/acme/server/${path}").openConnection()
        connection.requestMethod = 'HEAD'
        connection.setRequestProperty('Authorization', "Basic ${login}")
        connection.setRequestProperty('Accept', 'application/vnd.oci.image.manifest.v1+json')
        connection.responseCode
    }
    assert !new File(basedir, 'servers.xml').text.contains('It-Sign-Pa55word-41c7'): 'the signing password was not encrypted'

    // 1: refused before anything was sent.
    assert log.contains('signingKey is set, but the image server:1.0.0 names no registry')

    // 2: signed with the password from settings.xml; openssl verifies the signature over the payload.
    def digests = (log =~ /Digest   (sha256:[0-9a-f]{64})/).collect { it[1] }.unique()
    def signed = digests[0]
    def sigTag = 'sha256-' + signed.substring(7) + '.sig'
    def skopeo = ['skopeo', 'inspect', '--raw', '--tls-verify=false', '--creds', 'ci-pusher:It-Pa55word-7f3c',
                  "docker://${address}/acme/server:${sigTag}".toString()].execute()
    def signature = new JsonSlurper().parseText(skopeo.text)
    assert skopeo.waitFor() == 0
    def layer = signature.layers[0]
    def payloadConnection = new URL("http://${address}/v2/acme/server/blobs/${layer.digest}").openConnection()
    payloadConnection.setRequestProperty('Authorization', "Basic ${login}")
    def payload = payloadConnection.inputStream.bytes
    assert new JsonSlurper().parse(payload).critical.image.'docker-manifest-digest' == signed
    checks.assertSignatureVerifies(basedir, payload, layer, 'signing-key.pub.pem')

    // 3: a wrong password fails the build before anything is sent: the registry has neither the rejected image's
    // manifest nor its config, and no tag moved.
    assert log.contains('The password does not decrypt the signing key')
    assert log.contains('it is the wrong password for this key')
    def rejected = new JsonSlurper().parse(new File(basedir, 'target/scratchpack/image.json'))
    assert rejected.digest != signed && rejected.pushed == false
    assert status("manifests/${rejected.digest}") == 404
    assert status("blobs/${rejected.imageId}") == 404
    def tagsConnection = new URL("http://${address}/v2/acme/server/tags/list").openConnection()
    tagsConnection.setRequestProperty('Authorization', "Basic ${login}")
    def tags = new JsonSlurper().parse(tagsConnection.inputStream).tags as Set
    assert tags.containsAll(['1.0.0', 'latest', sigTag])
    assert tags.findAll { it.endsWith('.sig') } == [sigTag] as Set
    ['1.0.0', 'latest'].each { tag ->
        def inspect = ['skopeo', 'inspect', '--tls-verify=false', '--creds', 'ci-pusher:It-Pa55word-7f3c',
                       "docker://${address}/acme/server:${tag}".toString()].execute()
        assert new JsonSlurper().parseText(inspect.text).Digest == signed
    }

    // Every invocation ran with -X: no trace of the registry password, the master password, either signing
    // password or the key's bytes.
    checks.assertNoSecrets(basedir, 'ci-pusher', ['It-Pa55word-7f3c'], ['the settings master password': 'it-master-Pa55',
            'the wrong signing password': 'Not-The-Sign-Pa55word-3']
            + checks.signingKeySecrets(basedir, 'It-Sign-Pa55word-41c7', ['plain-key.pem', 'signing-key.pem']))
}
true
