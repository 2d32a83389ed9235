import groovy.json.JsonSlurper

def checks = evaluate(new File(itSourceDirectory, 'registry-checks.groovy'))
checks.withRegistry(basedir) { registryDir, address ->
    def report = new JsonSlurper().parse(new File(basedir, 'target/scratchpack/image.json'))
    assert report.pushed == true
    checks.assertInRegistry(address, report)

    def registryLog = new File(registryDir, 'registry.log').text
    def uploads = registryLog.readLines().findAll { it =~ /"(PATCH|PUT) \/v2\/[^ ]*\/blobs\/uploads\// }
    // the layers, the image config, and the SBOM referrer's two blobs: the SBOM and the empty config ({})
    assert report.sbom != null
    def blobs = report.layers.collect { it.digest }.unique().size() + 1 + 2
    assert uploads.count { it.contains('"PUT ') } == blobs: "expected ${blobs} blob commits over both pushes:\n${uploads.join('\n')}"

    def log = new File(basedir, 'build.log').text
    assert log.contains('Digest   ' + report.digest)
    assert log.contains('already in the registry')
    assert log =~ /Uploaded 0 B in 0 blob\(s\); \d+ already in the registry/
    assert !new File(basedir, 'servers.xml').text.contains('It-Pa55word-7f3c'): 'the settings password was not encrypted'

    // Both pushes ran with -X: no trace of the password, nor of the master password that decrypts it, in build.log or
    // in any file under target/ (image.json, image.tar, the cache).
    checks.assertNoSecrets(basedir, 'ci-pusher', ['It-Pa55word-7f3c'], ['the settings master password': 'it-master-Pa55'])
}
true
