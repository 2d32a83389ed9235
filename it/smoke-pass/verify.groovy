import groovy.json.JsonSlurper

def log = new File(basedir, 'build.log').text
assert log =~ /\[INFO\] Smoke test passed: it-smoke\/smoke-pass:1\.0\.0 was ready in \d+ ms in podman/: log
def report = new JsonSlurper().parse(new File(basedir, 'target/scratchpack/smoke-test.json'))
assert report.result == 'ready'
assert report.image.digest == new JsonSlurper().parse(new File(basedir, 'target/scratchpack/image.json')).digest
assert report.engine.name == 'podman'
assert report.checks*.check == ['TCP connect to port 8080']
assert report.checks*.passed == [true]
assert report.runOptions.containsAll(['--read-only', '--cap-drop=ALL', '--security-opt=no-new-privileges'])
evaluate(new File(itSourceDirectory, 'leftover-checks.groovy')).nothingLeftBehind(basedir, binding, 'it-smoke/smoke-pass:1.0.0')
true
