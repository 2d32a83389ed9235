import groovy.json.JsonSlurper
import java.security.MessageDigest

def sha256 = { File f -> MessageDigest.getInstance('SHA-256').digest(f.bytes).encodeHex().toString() }
def log = new File(basedir, 'build.log').text
assert log.contains('Using the MultiThreadedBuilder implementation with a thread count of 2')
assert !log.readLines().any { it.contains('WARNING') && it.contains('scratchpack-maven-plugin') }: 'Maven warned about the plugin'
def digests = [] as Set
['alpha', 'beta', 'gamma'].each { module ->
    def serial = new JsonSlurper().parse(new File(basedir, "${module}/serial/image.json"))
    def parallel = new JsonSlurper().parse(new File(basedir, "${module}/target/scratchpack/image.json"))
    assert serial.image == "${module}:1.0.0".toString()
    assert serial.digest == parallel.digest: "${module}: serial ${serial.digest} != parallel ${parallel.digest}"
    assert sha256(new File(basedir, "${module}/serial/image.tar")) == sha256(new File(basedir, "${module}/target/scratchpack/image.tar"))
    digests << parallel.digest
}
assert digests.size() == 3: 'each module has its own image'
true
