def log = new File(basedir, 'build.log').text
def firstError = log.readLines().find { it.startsWith('[ERROR]') }
assert firstError.endsWith(': The container exited with code 3 before it was ready. Its log below says why.'): log
assert log.contains('  configuration missing, giving up'): 'the container\'s log follows the message'
evaluate(new File(itSourceDirectory, 'leftover-checks.groovy')).nothingLeftBehind(basedir, binding, 'it-smoke/smoke-exit:1.0.0')
true
