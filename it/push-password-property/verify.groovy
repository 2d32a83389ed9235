def checks = evaluate(new File(itSourceDirectory, 'registry-checks.groovy'))
checks.withRegistry(basedir) { registryDir, address ->
    def report = new groovy.json.JsonSlurper().parse(new File(basedir, 'target/scratchpack/image.json'))
    assert report.pushed == true
    checks.assertInRegistry(address, report)
    assert new File(basedir, 'build.log').text.contains('Digest   ' + report.digest)

    // The push ran with -X and the password on the command line: no trace of it in build.log or in any file under
    // target/, with no line exempted (setup.groovy explains why the build has no exec:exec, which would echo it).
    checks.assertNoSecrets(basedir, 'ci-pusher', ['It-Pa55word-7f3c'])
}
true
