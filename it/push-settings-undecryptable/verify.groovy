import groovy.json.JsonSlurper

def checks = evaluate(new File(itSourceDirectory, 'registry-checks.groovy'))
checks.withRegistry(basedir) { registryDir, address ->
    def log = new File(basedir, 'build.log').text

    // Each invocation fails on the settings password, before logging in: missing-settings-security.xml is not there,
    // and other-settings-security.xml's master does not decrypt it. Had the ciphertext been sent as the password, the
    // registry's 401 would end the push with "Authentication with the registry ... failed" instead.
    def refusal = ': The password of the settings.xml <server> with id 127.0.0.1 cannot be decrypted ('
    def failures = log.readLines().findAll { it.startsWith('[ERROR] Failed to execute goal ') }
    assert failures.size() == 2: "expected one failed push per invocation:\n${failures.join('\n')}"
    failures.each {
        assert it.contains(' on project push-settings-undecryptable' + refusal): it
        assert it.contains('settings-security.xml'): it
    }
    assert failures[0].contains('missing-settings-security.xml')
    assert failures[1].contains('BadPaddingException')
    assert !log.contains('Authentication with the registry')
    assert new JsonSlurper().parse(new File(basedir, 'target/scratchpack/image.json')).pushed == false

    // Nothing reached the registry as a login: no request carried credentials (a wrong one would log "error
    // authenticating user", a right one the user name), nothing was uploaded, and no tag exists.
    def registryLog = new File(registryDir, 'registry.log').text
    assert !registryLog.contains('ci-pusher'): 'credentials reached the registry:\n' + registryLog
    assert !(registryLog =~ /"(POST|PUT|PATCH|DELETE) \/v2\//): 'something was sent to the registry:\n' + registryLog
    assert !new File(registryDir, 'storage/docker/registry/v2/repositories').exists()

    // Both failed pushes ran with -X: no trace of the ciphertext (with or without its braces), the password, nor either
    // master password, in build.log or in any file under target/.
    def secret = (new File(basedir, 'servers.xml').text =~ /\{([^{}]+)\}/)[0][1]
    checks.assertNoSecrets(basedir, 'ci-pusher', ['It-Pa55word-7f3c'], [
            'the encrypted settings password': secret,
            'the settings master password': 'it-master-Pa55',
            'the other master password': 'other-master-Pa55'])
}
true
