def checks = evaluate(new File(itSourceDirectory, 'registry-checks.groovy'))
checks.withRegistry(basedir) { registryDir, address ->
    def log = new File(basedir, 'build.log').text
    assert log.contains("Authentication with the registry ${address} failed: it rejected the credentials from settings.xml <server> with id ${address} or 127.0.0.1. Fix the username or password there.")
    assert new groovy.json.JsonSlurper().parse(new File(basedir, 'target/scratchpack/image.json')).pushed == false
    // A rejected login is the user's to fix: Maven's failure kind, not an error; -X (as -e) shows the cause chain
    // under the failure Maven prints.
    assert log.contains('[Help 1] http://cwiki.apache.org/confluence/display/MAVEN/MojoFailureException')
    def failure = log.indexOf('Caused by: org.apache.maven.plugin.MojoFailureException: Authentication with the registry')
    assert failure >= 0
    assert log.indexOf('Caused by: io.github.scratchpack.network.PushException: Authentication with the registry', failure) > failure
    assert log.indexOf('Caused by: com.google.cloud.tools.jib.api.RegistryUnauthorizedException', failure) > failure

    // The rejected push ran with -X, and the registry's 401 is where a tool would quote the request it refused: no
    // trace of the wrong password that was sent (plain, base64, or as the user:password Basic Authorization value),
    // nor of the right one, in build.log or in any file under target/.
    checks.assertNoSecrets(basedir, 'ci-pusher', ['Not-The-Pa55word-9', 'It-Pa55word-7f3c'])
}
true
