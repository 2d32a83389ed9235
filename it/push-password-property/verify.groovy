def registryDir = new File(basedir, 'registry')
try {
    def report = new groovy.json.JsonSlurper().parse(new File(basedir, 'target/scratchpack/image.json'))
    assert report.pushed == true
    def address = new File(registryDir, 'address').text
    def skopeo = ['skopeo', 'inspect', '--tls-verify=false', '--creds', 'ci-pusher:It-Pa55word-7f3c',
                  "docker://${address}/acme/server:1.0.0".toString()].execute()
    def inspected = new groovy.json.JsonSlurper().parseText(skopeo.text)
    assert skopeo.waitFor() == 0
    assert inspected.Digest == report.digest: 'the registry holds another digest than image.json'
    assert new File(basedir, 'build.log').text.contains('Digest   ' + report.digest)

    // The push ran with -X and the password on the command line: no trace of it in build.log or in any file under
    // target/, with no line exempted (setup.groovy explains why the build has no exec:exec, which would echo it).
    def scanSecrets = evaluate(new File(basedir, '../../../it/scan-secrets.groovy').canonicalFile)
    def searched = scanSecrets(basedir, 'ci-pusher', ['It-Pa55word-7f3c'])
    assert searched.containsAll(['target/scratchpack/image.json', 'target/scratchpack/image.tar'])
} finally {
    def pid = new File(registryDir, 'pid')
    if (pid.exists()) {
        ['kill', pid.text.trim()].execute().waitFor()
    }
}
true
