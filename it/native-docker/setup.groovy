import io.github.scratchpack.nativeimage.StandInBuilderImage
import io.github.scratchpack.testing.DockerDaemon

// A private Docker Engine with its socket where invoker.properties points DOCKER_HOST, holding the stand-in builder
// image (built with podman, then removed from podman). The daemon is kept in a system property for verify.groovy;
// stopAtExit stops it should the build fail before verify.groovy runs.
def daemon = DockerDaemon.startIn(new File(basedir, 'd').toPath())
System.properties.put('scratchpack.it.native-docker.daemon', daemon)
daemon.stopAtExit()
def context = new File(basedir, 'target/standin-builder')
context.mkdirs()
def image = StandInBuilderImage.build(context.toPath(), 'localhost/scratchpack-standin-builder:it-docker')
StandInBuilderImage.copyTo(daemon, image, context.toPath())
StandInBuilderImage.remove(image)
true
