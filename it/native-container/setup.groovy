import io.github.scratchpack.nativeimage.StandInBuilderImage

// The stand-in builder image that the pom names, in the podman storage of the user the build runs as.
def podman = evaluate(new File(itSourceDirectory, 'podman-as.groovy'))(basedir, binding)
def context = new File(basedir, 'target/builder-context').toPath()
StandInBuilderImage.writeContext(context)
podman.check(['build', '-t', 'localhost/scratchpack-standin-builder:it', '-f', context.resolve('Containerfile').toString(),
        context.toString()])
true
