def checks = evaluate(new File(itSourceDirectory, 'registry-checks.groovy'))
checks.withRegistry(basedir) { registryDir, address ->
    def log = new File(basedir, 'build.log').text
    assert log.contains("Authentication with the registry ${address} failed: it rejected the credentials from settings.xml <server> with id ${address} or 127.0.0.1. Fix the username or password there.")
    assert new groovy.json.JsonSlurper().parse(new File(basedir, 'target/scratchpack/image.json')).pushed == false

    // The rejected push ran with -X, and the registry's 401 is where a tool would quote the request it refused: no
    // trace of the wrong password that was sent (plain, base64, or as the user:password Basic Authorization value),
    // nor of the right one, in build.log or in any file under target/.
    checks.assertNoSecrets(basedir, 'ci-pusher', ['Not-The-Pa55word-9', 'It-Pa55word-7f3c'])
}
true
