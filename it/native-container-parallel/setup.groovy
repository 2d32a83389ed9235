import io.github.scratchpack.nativeimage.StandInBuilderImage

// The stand-in builder image, under the name the pom gives as builderImage
def context = new File(basedir, 'target/standin-builder')
context.mkdirs()
StandInBuilderImage.build(context.toPath(), 'localhost/scratchpack-standin-builder:it-parallel')
true
