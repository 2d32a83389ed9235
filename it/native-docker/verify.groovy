def daemon = System.properties.remove('scratchpack.it.native-docker.daemon')
try {
    def log = new File(basedir, 'build.log').text
    assert log.contains('building in localhost/scratchpack-standin-builder:it-docker with docker ('): log
    assert log =~ /docker run --rm --name scratchpack-native-native-docker-[0-9a-f]{8} /
    assert log.contains('Loaded image: it-docker/native-docker:1.0.0'): log
    assert daemon.check('image', 'inspect', '--format', '{{.Config.User}}', 'it-docker/native-docker:1.0.0').trim() == '65532:65532'
    assert daemon.check('ps', '-a', '-q').trim().isEmpty(): 'a container was left'
    daemon.check('rmi', 'it-docker/native-docker:1.0.0', 'localhost/scratchpack-standin-builder:it-docker')
} finally {
    daemon.close()
}
true
