def log = new File(basedir, 'build.log').text
def firstError = log.readLines().find { it.startsWith('[ERROR]') }
assert firstError.contains(': The service listens on 127.0.0.1:8080 only, inside the container, so nothing outside the'
        + ' container can connect to port 8080. Make it bind 0.0.0.0 (all addresses) instead of 127.0.0.1.'): log
assert log.contains('  listening on 127.0.0.1:8080'): 'the container\'s log follows the message'
evaluate(new File(itSourceDirectory, 'leftover-checks.groovy')).nothingLeftBehind(basedir, binding, 'it-smoke/smoke-loopback:1.0.0')
true
