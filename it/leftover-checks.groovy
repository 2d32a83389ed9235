// Shared by the smoke-* ITs' verify scripts, which load it with
//     def smoke = evaluate(new File(itSourceDirectory, 'leftover-checks.groovy'))
// It returns smoke.nothingLeftBehind(basedir, binding, image): no container of the smoke test's and not the image the
// build loaded remain in the podman storage of the user the build ran as (see podman-as.groovy), and no podman
// process of that user runs.
return [nothingLeftBehind: { File basedir, Binding binding, String image ->
    def podman = evaluate(new File(itSourceDirectory, 'podman-as.groovy'))(basedir, binding)
    def containers = podman.check(['ps', '-a', '--filter', 'name=scratchpack-smoke-', '--format', '{{.Names}}'])
    assert containers.trim().isEmpty(): "containers left behind: ${containers}"
    def (existsExit, existsOutput) = podman.run(['image', 'exists', image])
    assert existsExit == 1: "the image ${image} was left behind ${existsOutput}"
    podman.finish()
}]
